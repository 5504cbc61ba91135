"""Printing a page for a workshop: the content alone, with the addresses of its external links."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HIDDEN_IN_PRINT = (".skip-link", ".main-nav", ".site-search", ".language-switcher", ".breadcrumbs", ".site-footer")


def after_content(locator):
    return locator.evaluate("element => getComputedStyle(element, '::after').content")


def test_a_paper_prints_without_navigation_and_with_the_address_of_its_external_links(page, demo_page):
    page.goto(demo_page("resources.PaperPage")["path"])
    licence = page.locator('main a[rel="license"]')
    internal = page.locator('main a[href^="/"]').first
    assert after_content(licence) == "none", "on screen, no address after the link"
    expect(page.locator(".main-nav").first).to_be_visible()
    expect(page.locator(".site-footer")).to_be_visible()

    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    printed = after_content(licence)
    assert "attr(href)" in printed or licence.get_attribute("href") in printed, printed
    assert after_content(internal) == "none", "links within the hub are not spelled out"
    heading = page.locator("main h2").first
    assert heading.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"
    colours = page.locator("body").evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    assert colours[0] == "rgb(0, 0, 0)"
