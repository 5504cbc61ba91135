"""axe-core on the Wagtail page editor of each of our page types, logged in as the dev admin.

Two violations come from Wagtail's own widgets on every editor with such a field; we cannot fix
them in our templates, so they are listed (test-artifacts/browser/admin-axe-wagtail.txt and a
warning) rather than failing the run. Anything else, including these rules on any other element,
fails."""

import re
import warnings

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, axe_violations, describe_violations

pytestmark = pytest.mark.browser

OUR_PAGE_TYPES = [
    "hub.HomePage",
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
]

# (axe rule, a marker in the offending element's HTML, why it is Wagtail's)
WAGTAIL_OWN = [
    (
        "aria-input-field-name",
        "public-DraftEditor-content",
        "Draftail's contenteditable textbox is not tied to the field's <label> (wagtail/wagtail#14205, open)",
    ),
    (
        "label",
        "ui-autocomplete-input",
        "the tag field's jQuery tag-it text input has no label (Wagtail's AdminTagWidget)",
    ),
]


def split_wagtail_own(violations):
    """(ours, wagtail's): a violation's nodes matching WAGTAIL_OWN go to the second list."""
    ours, theirs = [], []
    for violation in violations:
        known = [(marker, why) for rule, marker, why in WAGTAIL_OWN if rule == violation["id"]]
        kept, tolerated = [], []
        for node in violation["nodes"]:
            match = next((why for marker, why in known if marker in node["html"]), None)
            (tolerated if match else kept).append((node, match))
        if kept:
            ours.append({**violation, "nodes": [node for node, _ in kept]})
        if tolerated:
            theirs.append({**violation, "nodes": [node for node, _ in tolerated], "why": tolerated[0][1]})
    return ours, theirs


@pytest.fixture(scope="module")
def wagtail_report():
    """Collects the tolerated violations; at the end writes them out and warns once."""
    lines = []
    yield lines
    if lines:
        path = ARTIFACTS / "admin-axe-wagtail.txt"
        path.write_text("\n".join(lines) + "\n")
        rules = sorted({line.split(": ")[1].split(" on ")[0] for line in lines})
        warnings.warn(
            f"Wagtail's own axe violations tolerated on page editors ({', '.join(rules)}): see {path}", stacklevel=1
        )


@pytest.mark.parametrize("page_type", OUR_PAGE_TYPES)
def test_the_page_editor_of_our_page_type_has_no_serious_accessibility_violation_of_ours(
    page_type, page, login_as, demo_page, wagtail_report
):
    login_as("admin")
    edited = demo_page(page_type)
    page.goto(f"/admin/pages/{edited['id']}/edit/")
    expect(page).to_have_title(re.compile(r"^Editing "))
    page.locator("form[data-edit-form], #page-edit-form").first.wait_for()

    ours, theirs = split_wagtail_own(axe_violations(page))
    for violation in theirs:
        line = f"{page_type}: {violation['id']} on {len(violation['nodes'])} element(s): {violation['why']}"
        wagtail_report.append(line)
    assert not ours, f"editor of {page_type} ({page.url}):\n{describe_violations(ours)}"
