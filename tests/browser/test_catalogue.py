"""A visitor browsing methodology: from the home page to a method, a paper using it and the
library search pre-filtered on it; axe on the catalogue's and collections' page types at 1280 and 320 px."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, describe_violations, horizontal_overflow

pytestmark = pytest.mark.browser


def test_a_visitor_browses_from_the_home_page_to_a_method_a_paper_and_the_methods_search(page, screenshot):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Methods", exact=True).click()
    page.wait_for_url(re.compile(r"/en/methods/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Methods")

    page.get_by_role("link", name="Community scorecards", exact=True).click()
    page.wait_for_url(re.compile(r"/en/methods/community-scorecards/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Community scorecards")
    expect(page.get_by_role("heading", name="Steps")).to_be_visible()
    screenshot(page, "catalogue-method")

    papers = page.locator("section[aria-labelledby='entry-papers-title']")
    first = papers.locator(".card__title a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    # The paper's metadata leads back to the method's page.
    expect(page.locator("aside.facts").get_by_role("link", name="Community scorecards")).to_be_visible()

    page.go_back()
    page.wait_for_url(re.compile(r"/en/methods/community-scorecards/$"))
    page.get_by_role("link", name=re.compile(r"^Search the library: \d+ papers?$")).click()
    page.wait_for_url(re.compile(r"/en/search/\?type=paper&method=community-scorecards"))
    expect(page.locator(".results .card__title a", has_text=title)).to_have_count(1)


@pytest.mark.parametrize(
    "path",
    [
        "/en/methods/",
        "/en/methods/community-scorecards/",
        "/en/themes/",
        "/en/themes/local-governance/",
        "/en/collections/",
        "/en/collections/start-here/",
    ],
)
def test_a_catalogue_page_has_no_serious_accessibility_violation_at_1280_and_320_px(page, path):
    response = page.goto(path)
    assert response.ok, f"{path} answered {response.status}"
    problems = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        violations = axe_violations(page)
        if violations:
            problems.append(f"at {width} px:\n{describe_violations(violations)}")
    overflow = horizontal_overflow(page)
    if overflow:
        problems.append(f"scrolls sideways by {overflow} px at 320 px wide")
    assert not problems, f"{path}:\n" + "\n".join(problems)
