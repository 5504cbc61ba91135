"""The map of the movement in a browser: markers drawn from the list, a marker operated with the
keyboard, nothing fetched from another host, and the page accessible at any width."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, describe_violations, horizontal_overflow

pytestmark = pytest.mark.browser

FOCUSED_MARKER = "() => Boolean(document.activeElement && document.activeElement.matches('.map__svg a.map-marker'))"


def test_the_map_draws_a_keyboard_operable_marker_per_place_from_its_own_host_only(page, hub_server, screenshot):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto("/en/map/")

    places = page.get_by_role("region", name="All places on the map").locator("[data-place]")
    markers = page.locator(".map__svg a.map-marker")
    expect(markers.first).to_be_attached()
    assert places.count() > 1
    expect(markers).to_have_count(places.count())

    # The filter form's submit button is the last stop before the map: the next Tab is a marker.
    page.get_by_role("button", name="Update the map").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_MARKER), "Tab from the filters reaches a marker"
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")

    card = page.get_by_role("region", name=name.rsplit(" (", 1)[0])
    expect(card).to_be_visible()
    expect(card.get_by_role("heading")).to_be_focused()
    link = card.get_by_role("link").first
    title, href = link.inner_text(), link.get_attribute("href")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert page.evaluate(FOCUSED_MARKER), "closing the card returns focus to its marker"

    page.keyboard.press("Enter")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) == 0, "the map page scrolls sideways at 320 px"
    screenshot(page)

    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(f"**{href}")
    # A member's heading adds its short name after the title the map shows.
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(rf"^{re.escape(title)}"))
    assert hosts == {urlsplit(hub_server.base_url).netloc}, f"requests left the hub: {sorted(hosts)}"
