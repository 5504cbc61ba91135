"""Following a chapter from its page: the form, the confirmation e-mail (sent by the dev worker), the link."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser


def test_a_visitor_follows_a_chapter_from_its_page_and_confirms(page, hub_server, demo_page, screenshot):
    chapter = demo_page("members.ChapterPage")
    page.goto(chapter["path"])
    follow = page.get_by_role("region", name="Follow this chapter")
    expect(follow).to_be_visible()
    violations = axe_violations(page, {"include": [".follow"]})
    assert not violations, describe_violations(violations)

    follow.get_by_label("Your e-mail address").fill("browser-journey@example.org")
    follow.get_by_label("Also tell me about each new event as it is announced").check()
    follow.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    # Dev settings queue mail in the database; the worker `make run` starts sends it to the console.
    output = hub_server.manage(
        "db_worker", "--batch", "--backend", "mail", "--queue-name", "*", "--no-startup-delay", "--no-reload"
    )
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in output
    confirm = re.search(r"/en/subscriptions/confirm/[^/\s]+/", output).group(0)
    page.goto(confirm)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    screenshot(page)
