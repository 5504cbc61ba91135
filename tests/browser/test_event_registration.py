"""Registering for an event on the hub, in Chromium: the form, its errors, the places left falling,
and axe-core on the form."""

import re
import secrets

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser

# A demo event that takes registrations on the hub and has places left (hub/demo/data.py).
EVENT = "/en/events/glossary-launch/"


def places_left(page):
    return int(page.locator("[data-places-left]").get_attribute("data-places-left"))


def assert_accessible(page, what):
    violations = axe_violations(page)
    assert not violations, f"{what}:\n" + describe_violations(violations)


def test_a_visitor_registers_for_an_event_and_sees_the_places_left_fall(page, hub_server, screenshot):
    page.goto(EVENT)
    before = places_left(page)
    assert before > 0
    form = page.locator("form.registration-form")
    expect(form).to_be_visible()
    assert_accessible(page, "the event page with its registration form")
    # The honeypot is out of sight and out of the tab order.
    expect(form.get_by_label("Leave this field empty")).to_be_hidden()

    # Sent without consent and with a bad address: the form comes back with both fields marked.
    form.get_by_label("Name").fill("Browser Visitor")
    form.get_by_label("E-mail").fill("not an address")
    form.get_by_role("button", name="Register").click()
    expect(page.get_by_role("alert").first).to_contain_text("Please correct the fields marked below.")
    expect(page.locator(".registration-form .errorlist")).to_have_count(2)
    assert_accessible(page, "the registration form with errors")

    form = page.locator("form.registration-form")
    form.get_by_label("E-mail").fill(f"visitor-{secrets.token_hex(4)}@example.org")
    form.get_by_label("Country (optional)").select_option("PE")
    form.get_by_label(re.compile("I agree")).check()
    form.get_by_role("button", name="Register").click()
    expect(page.get_by_role("status").filter(has_text="Thank you, Browser Visitor.")).to_be_visible()
    assert places_left(page) == before - 1
    page.goto(EVENT)
    assert places_left(page) == before - 1
    screenshot(page)
