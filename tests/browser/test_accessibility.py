"""axe-core on every public page type (no serious or critical violation), and no sideways
scrolling at 320 px."""

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, describe_violations, horizontal_overflow

pytestmark = pytest.mark.browser

FIXED_PAGES = {
    "home": "/en/",
    "search-with-facets": "/en/search/?q=planning&type=paper&method=participatory-planning",
    "search-no-results": "/en/search/?q=zzzqqq",
    "french-home": "/fr/",
    "map": "/en/map/",
}
# An English-only page reached from a French one: its French "not translated yet" notice shows.
NOTICE_PAGES = {"member-with-french-notice": ("members.MemberPage", "/fr/members/")}
INDEX_AND_DETAIL_TYPES = [
    "members.MemberIndexPage",
    "members.MemberPage",
    "members.ChapterIndexPage",
    "members.ChapterPage",
    "resources.GlossaryIndexPage",
    "resources.GlossaryTermPage",
    "resources.PaperIndexPage",
    "resources.PaperPage",
    "events.EventIndexPage",
    "events.EventPage",
    "catalogue.ReadingListIndexPage",
    "catalogue.ReadingListPage",
]
PAGES = list(FIXED_PAGES) + list(NOTICE_PAGES) + INDEX_AND_DETAIL_TYPES


@pytest.fixture(params=PAGES)
def public_page(request, page, demo_page, hub_server):
    """A page of the demo opened in the browser, one per page type."""
    referrer = None
    if request.param in NOTICE_PAGES:
        page_type, referrer = NOTICE_PAGES[request.param]
        path = demo_page(page_type)["path"]
    else:
        path = FIXED_PAGES.get(request.param) or demo_page(request.param)["path"]
    response = page.goto(path, referer=referrer and hub_server.base_url + referrer)
    assert response.ok, f"{path} answered {response.status}"
    if referrer:
        expect(page.locator("[data-untranslated-notice]:visible")).to_have_count(1)
    return page


def test_a_public_page_has_no_serious_accessibility_violation_and_fits_320_px(public_page):
    """One load per page for both checks: the suite has to stay within minutes."""
    violations = axe_violations(public_page)
    public_page.set_viewport_size({"width": 320, "height": 640})
    overflow = horizontal_overflow(public_page)
    problems = []
    if violations:
        problems.append(describe_violations(violations))
    if overflow:
        problems.append(f"scrolls sideways by {overflow} px at 320 px wide")
    assert not problems, f"{public_page.url}:\n" + "\n".join(problems)
