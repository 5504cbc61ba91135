"""Joining the movement: a visitor applies from the home page and confirms, a moderator approves, the new
member's editor sets a password through the welcome link. axe on every new form."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser


def send_queued_mail(hub_server):
    """Dev settings queue mail in the database; the worker sends it to the console, which it returns."""
    return hub_server.manage(
        "db_worker", "--batch", "--backend", "mail", "--queue-name", "*", "--no-startup-delay", "--no-reload"
    )


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_an_organisation_applies_is_approved_and_its_editor_sets_a_password(
    page, browser, hub_server, create_user, login_as, demo_page, screenshot
):
    page.goto("/en/")
    page.get_by_role("link", name="Who can join, and how to apply").click()
    expect(page.get_by_role("heading", name="Who can join")).to_be_visible()
    assert_accessible(page)

    # Bad input first: a clear message, the fields marked.
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Please correct the fields marked below.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Name of the organisation").fill("Browser Journey Collective")
    page.get_by_label("Country of registration").select_option("GH")
    page.get_by_label("Countries where it works").select_option(["GH", "TG"])
    page.get_by_label("Website").fill("https://browser-journey.example.org")
    page.locator("#id_size").select_option("11-50")
    page.get_by_label("Link to your public commitment to community-led development").fill(
        "https://browser-journey.example.org/cld"
    )
    page.get_by_label("Webinars and papers that share our methods").check()
    page.get_by_label("Contact person:", exact=True).fill("Kofi Mensah")
    page.get_by_label("E-mail address of the contact person").fill("kofi@browser-journey.example.org")
    page.get_by_label(re.compile("I agree that the secretariat keeps")).check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    confirm = re.search(r"/en/join/confirm/[^/\s]+/", send_queued_mail(hub_server)).group(0)
    page.goto(confirm)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application confirmed")

    create_user("joining-moderator", groups=["Moderators"])
    login_as("joining-moderator")
    page.goto("/admin/joining/applications/")
    page.get_by_role("link", name="Browser Journey Collective").click()
    # The application screen is ours inside Wagtail's admin: axe checks its content.
    expect(page.get_by_role("heading", name="Ask the applicant a question")).to_be_visible()
    violations = axe_violations(page, {"include": ["#main"]})
    assert not violations, describe_violations(violations)

    # A question first; the applicant answers it through the link in the e-mail.
    page.get_by_label("Question to the applicant").fill("Which districts does your work cover?")
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_text("Which districts does your work cover?").first).to_be_visible()
    answer = re.search(r"/en/join/answer/[^/\s]+/", send_queued_mail(hub_server)).group(0)
    applicant = browser.new_context(base_url=hub_server.base_url)
    try:
        applicant_page = applicant.new_page()
        applicant_page.goto(answer)
        expect(applicant_page.get_by_role("heading", level=1)).to_have_text("Answer the secretariat")
        assert_accessible(applicant_page)
        applicant_page.get_by_label("Your answer").fill("The Volta and Northern regions.")
        applicant_page.get_by_role("button", name="Send the answer").click()
        expect(applicant_page.get_by_role("heading", level=1)).not_to_have_text("Answer the secretariat")
    finally:
        applicant.close()

    page.reload()
    expect(page.get_by_text("The Volta and Northern regions.").first).to_be_visible()
    page.get_by_role("button", name="Approve and onboard").click()
    expect(page.get_by_text(re.compile("onboarded: created"))).to_be_visible()
    screenshot(page, "joining-approved")

    welcome = re.search(r"/admin/welcome/[^/\s]+/[^/\s]+/", send_queued_mail(hub_server)).group(0)
    editor = browser.new_context(base_url=hub_server.base_url)
    try:
        editor_page = editor.new_page()
        editor_page.goto(welcome)
        editor_page.locator("#id_new_password1").fill("a-long-new-password-2026")
        editor_page.locator("#id_new_password2").fill("a-long-new-password-2026")
        editor_page.get_by_role("button", name="Reset password").click()
        editor_page.wait_for_url(re.compile("/admin/password_reset/complete/"))
        editor_page.goto("/admin/login/")
        editor_page.get_by_label("Username").fill("kofi@browser-journey.example.org")
        editor_page.get_by_label("Password").fill("a-long-new-password-2026")
        editor_page.get_by_role("button", name="Sign in").click()
        editor_page.wait_for_url(lambda url: "/admin/login/" not in url)
        expect(editor_page.get_by_text("Browser Journey Collective").first).to_be_visible()

        # Signed in, the new member's editor asks to join a chapter: the form passes axe.
        chapter = demo_page("members.ChapterPage")
        editor_page.goto(f"/en/join/chapter/{chapter['id']}/")
        expect(editor_page.get_by_role("button", name="Ask to join")).to_be_visible()
        assert_accessible(editor_page)
    finally:
        editor.close()


def test_the_contact_and_chapter_forms_are_accessible(page, demo_page):
    member = demo_page("members.MemberPage")
    page.goto(member["path"])
    page.get_by_role("link", name="Send a message through the hub").click()
    expect(page.locator("#id_message")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Please correct the fields marked below.")).to_be_visible()
    assert_accessible(page)
    chapter = demo_page("members.ChapterPage")
    page.goto(chapter["path"])
    expect(page.get_by_role("heading", name="Join this chapter")).to_be_visible()
    assert_accessible(page)
