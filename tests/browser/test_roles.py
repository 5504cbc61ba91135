"""The editorial roles in the Wagtail admin, as the demo users load_demo creates: a member editor
writes a paper that a moderator approves before the public finds it; a chapter lead publishes an
event at once, and it shows on the chapter page and in the feeds."""

import datetime
import random
import re
import string

import defusedxml.ElementTree as ElementTree
import icalendar
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def unique_word():
    """A word no demo page contains, so a search for it finds only what the journey made."""
    return "zq" + "".join(random.choices(string.ascii_lowercase, k=8))  # noqa: S311 - not a secret


def open_own_page_in_explorer(page):
    """The admin's Pages menu takes an editor straight to the page its group may edit; returns
    that page's public path."""
    page.goto("/admin/pages/")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    return page.get_by_role("link", name="Visible to all. Visit the live page").get_attribute("href")


def more_actions(page, action):
    """Clicks an action of the editor's footer menu (under its "More actions" toggle)."""
    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name=action).click()


def field(page, label):
    """A text field of the editor by its label (the panel around it bears the same name)."""
    return page.get_by_role("textbox", name=re.compile(rf"^{label}\s*\*?$"))


def search_results(page, word):
    page.goto(f"/en/search/?q={word}")
    return page.locator(".results .card__title a")


def test_a_member_editors_paper_goes_live_once_a_moderator_approves_it(page, login_as, screenshot):
    word = unique_word()
    title = f"Village water committees and the {word} method"
    login_as("demo-member")
    # The dashboard opens on the organisation (the explorer now starts higher up: the editor also edits
    # library papers that name its organisation), with "Write a new paper" under the organisation's page.
    page.goto("/admin/")
    organisation = page.get_by_role("region", name="Your organisation", exact=True)
    organisation_path = organisation.get_by_role("link", name="View on the site").get_attribute("href")
    page.get_by_role("link", name="Write a new paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"New: Paper"))
    field(page, "Title").fill(title)
    field(page, "Publication date").fill(datetime.date.today().isoformat())
    page.keyboard.press("Escape")  # closes the date picker
    field(page, "Abstract").fill(
        f"How {word} committees in three villages kept their wells working, and what they paid for it."
    )
    page.get_by_role("listbox", name="Themes").select_option(label="Local governance")
    more_actions(page, "Submit to Secretariat review")
    expect(page.get_by_text(f"Page '{title}' created and submitted for moderation.")).to_be_visible()

    # Waiting for review: neither the public page nor the search knows it yet.
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    paper_path = f"{organisation_path}{slug}/"
    assert page.request.get(paper_path).status == 404
    expect(search_results(page, word)).to_have_count(0)

    page.context.clear_cookies()
    login_as("demo-moderator")
    page.goto("/admin/")
    awaiting = page.get_by_role("region", name="Awaiting your review")
    review = awaiting.get_by_role("row").filter(has_text=title)
    review.get_by_role("button", name="Actions").click()
    with page.expect_navigation():
        review.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("row").filter(has_text=title)).to_have_count(0)

    page.context.clear_cookies()
    results = search_results(page, word)
    expect(results).to_have_count(1)
    expect(results).to_have_text(title)
    results.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert page.url.endswith(paper_path)
    screenshot(page)


def test_a_chapter_leads_event_is_published_at_once_on_its_chapter_page_and_in_the_feeds(page, login_as, screenshot):
    word = unique_word()
    title = f"Listening sessions on {word} seed banks"
    start = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=10)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    login_as("demo-lead")
    chapter_path = open_own_page_in_explorer(page)
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"New: Event"))
    field(page, "Title").fill(title)
    field(page, "Start").fill(start.strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Escape")
    field(page, "End").fill((start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Escape")
    field(page, "Summary").fill(f"Farmers compare how their {word} seed banks lend and recover seed.")
    more_actions(page, "Publish")
    expect(page.get_by_text(f"Page '{title}' created and published.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(chapter_path)
    upcoming = page.get_by_role("region", name="Upcoming events")
    event_link = upcoming.get_by_role("link", name=title)
    expect(event_link).to_be_visible()

    calendar_link = upcoming.get_by_role("link", name=re.compile(r"^Subscribe to the events of .* \(\.ics\)$"))
    response = page.request.get(calendar_link.get_attribute("href"))
    assert response.ok
    events = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    ours = [event for event in events if str(event["SUMMARY"]) == title]
    assert len(ours) == 1, f"the chapter's calendar lists {[str(e['SUMMARY']) for e in events]}"
    assert ours[0].decoded("DTSTART") == start

    response = page.request.get("/en/feeds/events.rss")
    assert response.ok
    items = ElementTree.fromstring(response.body()).findall("./channel/item")
    assert title in [item.findtext("title") for item in items]

    event_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert chapter_path in page.url, "the event lives under its chapter"
    screenshot(page)
