"""The "not translated yet" notice: a visitor who follows a link from a French page to a page that
exists only in English is told so in French; one who came from an English page is not."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, TIMEOUT_MS

pytestmark = pytest.mark.browser


@pytest.fixture
def english_browser(browser, hub_server):
    """A page in a browser that asks for English, so only the referrer can call for French."""
    context = browser.new_context(base_url=hub_server.base_url, viewport=DESKTOP, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def untranslated_member(page):
    """The title of a member with no French translation: the French listing shows it with a
    language badge."""
    page.goto("/fr/members/")
    card = page.locator(".card__title").filter(has=page.locator(".badge")).first
    return card.get_by_role("link").inner_text()


def follow(page, index_path, title):
    """Opens the listing at index_path and follows its link to the page titled `title`."""
    page.goto(index_path)
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)


def test_a_visitor_from_a_french_page_sees_the_french_notice_on_an_english_only_page(english_browser, screenshot):
    page = english_browser
    follow(page, "/fr/members/", untranslated_member(page))
    assert "/en/" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    notice = page.get_by_role("note").and_(page.locator("[data-untranslated-notice]:visible"))
    expect(notice).to_have_count(1)
    expect(notice).to_have_attribute("lang", "fr")
    expect(notice.get_by_role("link")).to_have_attribute("href", "/fr/")
    screenshot(page)


def test_a_visitor_from_an_english_page_sees_no_untranslated_notice(english_browser):
    page = english_browser
    follow(page, "/en/members/", untranslated_member(page))
    notices = page.locator("[data-untranslated-notice]")
    expect(notices.first).to_be_attached()  # hidden notices for the other languages are there
    expect(page.locator("[data-untranslated-notice]:visible")).to_have_count(0)
