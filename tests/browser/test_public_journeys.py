"""What a visitor does on the public site, in Chromium, on the demo content."""

import datetime
import re

import icalendar
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def result_count(page):
    text = page.get_by_role("status").first.inner_text()
    return int(re.search(r"\d+", text).group())


def result_types(page):
    """The first word of each result's type label, as written in the page (CSS capitalises it)."""
    return [text.split()[0] for text in page.locator(".results .card__type").all_text_contents()]


def test_a_visitor_finds_a_paper_by_search_and_two_facets_and_downloads_its_pdf(page, screenshot):
    page.goto("/en/")
    page.get_by_role("search").get_by_label("Search the hub").fill("planning")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=planning"))
    everything = result_count(page)
    assert len(set(result_types(page))) > 1, "the unfiltered results mix types"

    # The search page applies a filter as soon as its checkbox changes.
    with page.expect_navigation():
        page.get_by_role("checkbox", name=re.compile(r"^Paper \(")).check()
    assert "type=paper" in page.url
    papers = result_count(page)
    assert 0 < papers < everything
    assert set(result_types(page)) == {"Paper"}

    with page.expect_navigation():
        page.get_by_role("checkbox", name=re.compile(r"^Participatory planning \(")).check()
    assert "method=participatory-planning" in page.url
    expect(page.get_by_role("checkbox", name=re.compile(r"^Paper \("))).to_be_checked()
    narrowed = result_count(page)
    assert 0 < narrowed < papers
    assert set(result_types(page)) == {"Paper"}

    first = page.locator(".results .card__title a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert "/en/papers/" in page.url

    attachment = page.locator("a[download][href^='/documents/']").first
    with page.expect_download() as download_info:
        attachment.click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-")
    assert b"%%EOF" in content[-1024:], "the PDF arrived whole"
    screenshot(page)


def test_a_visitor_browses_the_glossary_by_letter_and_follows_a_related_term(page, screenshot):
    page.goto("/en/glossary/")
    letters = page.get_by_role("navigation", name="Terms by letter")
    letters.get_by_role("link", name="S", exact=True).click()
    assert page.url.endswith("#letter-S")
    section = page.locator("#letter-S")
    top = section.evaluate("element => element.getBoundingClientRect().top")
    assert -1 <= top < 200, "the letter's section is scrolled into view (sub-pixel rounding allowed)"

    term = section.get_by_role("link").first
    term_title = term.inner_text()
    assert term_title.startswith("S")
    term.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(term_title)

    related = page.get_by_role("region", name="Related terms").get_by_role("link").first
    related_title = related.inner_text()
    assert related_title != term_title
    related.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(related_title)
    assert "/en/glossary/" in page.url
    screenshot(page)


def test_a_visitor_opens_an_upcoming_event_and_its_calendar_file(page, screenshot):
    page.goto("/en/events/")
    upcoming = page.get_by_role("region", name="Upcoming")
    event = upcoming.get_by_role("link").first
    event_title = event.inner_text()
    event.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event_title)
    expect(page.get_by_text("Past event")).to_have_count(0)

    calendar_link = page.get_by_role("link", name="Add to calendar (.ics)")
    response = page.request.get(calendar_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == event_title
    start = events[0].decoded("DTSTART")
    assert start > datetime.datetime.now(datetime.UTC), "an upcoming event starts in the future"
    screenshot(page)


def test_a_visitor_switches_language_and_stays_on_the_same_page(page, screenshot):
    page.goto("/en/glossary/localisation/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switcher = page.locator("nav.language-switcher")
    expect(switcher.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")

    switcher.get_by_role("link", name="français").click()
    page.wait_for_url("**/fr/glossary/localisation/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    switcher = page.locator("nav.language-switcher")
    expect(switcher.get_by_role("link", name="français")).to_have_attribute("aria-current", "true")
    # The way back leads to the same page, not to the English home page.
    expect(switcher.get_by_role("link", name="English")).to_have_attribute("href", "/en/glossary/localisation/")
    screenshot(page)
