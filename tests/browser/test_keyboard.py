"""The search page with the keyboard alone: Tab reaches the search box, the facets, the results
and the pagination in that order, each with a visible focus, and Space/Enter operate them."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAX_TABS = 250  # the facet list is long: ~70 checkboxes on the demo content

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    type: el.type || "",
    name: el.getAttribute("name") || "",
    rel: el.getAttribute("rel") || "",
    skipLink: el.classList.contains("skip-link"),
    result: Boolean(el.closest(".results")),
    pagination: Boolean(el.closest(".pagination")),
    focusVisible: el.matches(":focus-visible") && (outline || style.boxShadow !== "none"),
  };
}"""


def tab_until(page, predicate, limit=MAX_TABS):
    """Press Tab until the focused element matches; returns the stops on the way, the match last."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        stops.append(focused)
        if focused and predicate(focused):
            return stops
    raise AssertionError(f"Tab never reached the element; stops: {[s and (s['tag'], s['id']) for s in stops]}")


def test_the_search_page_works_with_the_keyboard_alone(page, screenshot):
    page.goto("/en/search/?q=planning")
    total = int(re.search(r"\d+", page.get_by_role("status").first.inner_text()).group())
    pages = re.fullmatch(r"Page 1 of (\d+)", page.locator(".pagination [aria-current='page']").inner_text())
    assert pages and int(pages.group(1)) > 1, "the query has more than one page of results"

    stops = tab_until(page, lambda f: f["id"] == "q")
    assert stops[0]["skipLink"], "the skip link comes first"
    search_box = tab_until(page, lambda f: f["type"] == "checkbox")
    first_facet = search_box[-1]
    assert first_facet["name"] == "type"
    to_result = tab_until(page, lambda f: f["result"])
    to_next = tab_until(page, lambda f: f["pagination"] and f["rel"] == "next")
    for stop in [stops[-1], first_facet, to_result[-1], to_next[-1]]:
        assert stop["focusVisible"], f"no visible focus on {stop}"
    assert all(stop["focusVisible"] for stop in stops + search_box + to_result + to_next if stop)

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "page=2" in page.url
    expect(page.locator(".pagination [aria-current='page']")).to_have_text(f"Page 2 of {pages.group(1)}")

    # Space toggles a facet: the filter applies at once and the listing starts again at page 1.
    tab_until(page, lambda f: f["id"] == "f-type-term")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "type=term" in page.url
    assert "page=" not in page.url
    expect(page.locator("#f-type-term")).to_be_checked()
    # Focus comes back to the facet just toggled, not to the top of the page.
    expect(page.locator("#f-type-term")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["type"] == "checkbox", "Tab carries on through the facets"
    types = {text.split()[0] for text in page.locator(".results .card__type").all_text_contents()}
    assert types == {"Glossary"}
    count = int(re.search(r"\d+", page.get_by_role("status").first.inner_text()).group())
    assert 0 < count < total
    screenshot(page)
