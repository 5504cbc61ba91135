"""Member sign-in: the way into the admin that the editor, moderator and chapter lead journeys
start from."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_member_editor_signs_in_from_the_public_footer(page, create_user, users, screenshot):
    create_user("member-editor", groups=["Editors"])
    page.goto("/en/")
    page.get_by_role("contentinfo").get_by_role("link", name="Member sign-in").click()
    page.get_by_label("Username").fill("member-editor")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Your username and password didn't match")).to_be_visible()
    assert "/admin/login/" in page.url

    page.get_by_label("Password").fill(users["member-editor"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    expect(page).to_have_title(re.compile(r"^Dashboard"))
    expect(page.get_by_role("heading", level=1)).to_have_text("CLD Hub")
    screenshot(page)
