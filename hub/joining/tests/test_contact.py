"""Contact forms on member and chapter pages, and chapter join requests."""

from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache

from wagtail.models import Locale, PageViewRestriction

import pytest

from hub.joining import services
from hub.joining.models import ChapterJoinRequest, ChapterMembership
from members import roles
from members.factories import MemberPageFactory
from members.onboarding import onboard_member

pytestmark = pytest.mark.django_db
HIDDEN = "secretariat-only@example.org"
CHAPTER_ADDRESS = "peru-chapter@example.org"  # ChapterPageFactory's contact_email


def message_data(**overrides):
    data = {
        "name": "Ana Lima",
        "email": "ana@example.org",
        "subject": "Working together in Cusco",
        "message": "Hello, we run scorecards too. See https://evil.example.org/<b>x</b> for our report.",
        "consent": "on",
        "nickname": "",
    }
    data.update(overrides)
    return data


def parts(message):
    return {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}


def test_the_member_page_links_to_the_form_and_never_shows_the_address(client, tree):
    member = tree["member"]
    body = client.get(member.url).content.decode()
    assert "Write to this organisation" in body and f"/en/join/contact/{member.pk}/" in body
    assert HIDDEN not in body
    form = client.get(f"/en/join/contact/{member.pk}/")
    assert form.status_code == 200 and HIDDEN not in form.content.decode()
    assert '<label for="id_message"' in form.content.decode()
    api = client.get(f"/api/v2/pages/{member.pk}/?fields=*")
    assert api.status_code == 200 and HIDDEN not in api.content.decode()
    listing = client.get("/api/v2/pages/?type=members.MemberPage&fields=*")
    assert HIDDEN not in listing.content.decode()


def test_a_message_reaches_the_hidden_address_with_the_sender_as_reply_to(client, tree, smtp_server):
    member = tree["member"]
    response = client.post(f"/en/join/contact/{member.pk}/", message_data())
    assert response.status_code == 200
    assert HIDDEN not in response.content.decode()
    to_member, copy = smtp_server.messages
    assert to_member.envelope_recipients == [HIDDEN]
    assert to_member["Reply-To"].addresses[0].addr_spec == "ana@example.org"
    assert "Working together in Cusco" in to_member["Subject"]
    body = parts(to_member)
    assert "https://evil.example.org/<b>x</b>" in body["text/plain"]
    # Links are not made clickable, and markup is escaped.
    assert '<a href="https://evil' not in body["text/html"]
    assert "https://evil.example.org/&lt;b&gt;x&lt;/b&gt;" in body["text/html"]
    assert copy.envelope_recipients == ["ana@example.org"]
    assert HIDDEN not in copy.as_string()


def test_chapters_get_the_form_too(client, tree):
    """A chapter's address, like a member's, reaches the form's mail only: not the page, a response or the API."""
    chapter = tree["chapter"]
    body = client.get(chapter.url).content.decode()
    assert "Write to this chapter" in body
    assert CHAPTER_ADDRESS not in body and "mailto:" not in body
    form = client.get(f"/en/join/contact/{chapter.pk}/")
    assert form.status_code == 200 and CHAPTER_ADDRESS not in form.content.decode()
    response = client.post(f"/en/join/contact/{chapter.pk}/", message_data())
    assert response.status_code == 200 and CHAPTER_ADDRESS not in response.content.decode()
    assert mail.outbox[0].to == [CHAPTER_ADDRESS]
    api = client.get(f"/api/v2/pages/{chapter.pk}/?fields=*")
    assert api.status_code == 200 and api.json()["title"] == "Peru chapter"
    assert CHAPTER_ADDRESS not in api.content.decode()


def test_bad_input_gets_a_clear_message(client, tree):
    member = tree["member"]
    url = f"/en/join/contact/{member.pk}/"
    response = client.post(url, message_data(email="nope", message="x" * 5001, consent=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-describedby="id_email_error"' in body and 'id="id_consent_error"' in body
    assert client.post(url, {}).status_code == 400
    assert client.get("/en/join/contact/999999/").status_code == 404
    assert client.get(f"/en/join/contact/{tree['paper'].pk}/").status_code == 404
    assert client.put(url).status_code == 405
    assert not mail.outbox


def test_the_honeypot_and_rate_limits(client, tree):
    url = f"/en/join/contact/{tree['member'].pk}/"
    assert client.post(url, message_data(nickname="bot")).status_code == 200
    assert not mail.outbox
    for _ in range(5):
        assert client.post(url, message_data()).status_code == 200
    assert client.post(url, message_data()).status_code == 429
    for n in range(3):
        client.post(url, message_data(email=f"b{n}@example.org"))
    assert client.post(url, message_data(email="c@example.org")).status_code == 429


def test_a_member_organisation_joins_a_chapter_when_its_lead_approves(client, tree, django_user_model):
    chapter, member = tree["chapter"], tree["member"]
    url = f"/en/join/chapter/{chapter.pk}/"
    body = client.get(chapter.url).content.decode()
    assert url in body and "#follow-title" in body
    assert client.get(url).status_code == 302  # sign in first
    stranger = django_user_model.objects.create_user("stranger", "s@example.org", "pw")
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    editor = onboard_member(member.title, "editor@vvn.example.org").user
    editor.is_active = True
    editor.save()
    client.force_login(editor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"organisation": member.pk}).status_code == 200
    join_request = ChapterJoinRequest.objects.get()
    # Someone who does not lead the chapter cannot decide.
    response = client.post("/admin/joining/chapter-requests/", {"request": join_request.pk, "action": "approve"})
    assert response.status_code in (302, 403)
    assert not ChapterMembership.objects.exists()
    lead = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    group = Group.objects.create(name=roles.CHAPTER_LEADS_PREFIX + chapter.title)
    roles.grant_page_permissions(group, chapter, roles.CHAPTER_LEAD_PAGE_PERMISSIONS)
    group.permissions.add(roles.permission("wagtailadmin.access_admin"))
    lead.groups.add(group)
    client.force_login(lead)
    listing = client.get("/admin/joining/chapter-requests/")
    assert member.title in listing.content.decode()
    client.post("/admin/joining/chapter-requests/", {"request": join_request.pk, "action": "approve"})
    assert ChapterMembership.objects.filter(chapter=chapter, organisation=member).exists()
    assert list(chapter.member_organisations()) == [member]
    assert member.title not in client.get("/admin/joining/chapter-requests/").content.decode()


def test_a_name_with_a_line_break_stays_one_reply_to_header(client, tree, smtp_server):
    client.post(f"/en/join/contact/{tree['member'].pk}/", message_data(name="Ana\r\nBcc: victim@example.org"))
    to_member, _copy = smtp_server.messages
    assert to_member.envelope_recipients == [HIDDEN]
    assert to_member["Reply-To"].addresses[0].addr_spec == "ana@example.org"
    assert "victim@example.org" not in to_member.get("Bcc", "")


def test_the_chapter_leads_are_told_of_a_join_request_once(client, tree, django_user_model):
    chapter, member = tree["chapter"], tree["member"]
    lead = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    group = Group.objects.create(name=roles.CHAPTER_LEADS_PREFIX + chapter.title)
    roles.grant_page_permissions(group, chapter, roles.CHAPTER_LEAD_PAGE_PERMISSIONS)
    lead.groups.add(group)
    editor = onboard_member(member.title, "editor@vvn.example.org").user
    editor.is_active = True
    editor.save()
    client.force_login(editor)
    mail.outbox.clear()
    url = f"/en/join/chapter/{chapter.pk}/"
    assert client.post(url, {"organisation": member.pk}).status_code == 200
    assert client.post(url, {"organisation": member.pk}).status_code == 200  # asked twice: told once
    (message,) = mail.outbox
    assert message.to == ["lead@example.org"]
    assert message.subject == f"{member.title} asks to join {chapter.title}"
    assert "/admin/joining/chapter-requests/" in message.body


def request_to_join(chapter, organisation, decision=None, lead=None):
    join_request = ChapterJoinRequest.objects.create(chapter=chapter, organisation=organisation)
    if decision is not None:
        services.decide_chapter_request(join_request, decision == "approve", lead)
    return join_request


def listed_members(client, chapter):
    """The organisations named in the chapter page's members section, and in its API field."""
    body = client.get(chapter.url).content.decode()
    section = (
        body.split('id="chapter-members-title"')[1].split("</section>")[0] if "chapter-members-title" in body else ""
    )
    api = client.get(f"/api/v2/pages/{chapter.pk}/?fields=member_organisations").json()
    return " ".join(section.split()), [item["title"] for item in api["member_organisations"]]


def test_an_approved_member_organisation_is_listed_on_the_chapter_page_and_in_the_api(client, tree):
    chapter, member = tree["chapter"], tree["member"]
    assert listed_members(client, chapter) == ("", [])
    request_to_join(chapter, member, "approve")
    section, api = listed_members(client, chapter)
    assert f'<a href="{member.url}" lang="en">Village Voices Network</a>' in section
    assert api == ["Village Voices Network"]
    detail = client.get(f"/api/v2/pages/{chapter.pk}/").json()["member_organisations"]
    assert detail == [{"id": member.pk, "title": "Village Voices Network", "html_url": member.full_url}]


def test_pending_declined_draft_and_private_organisations_are_not_listed(client, tree):
    chapter, member_index = tree["chapter"], tree["member_index"]
    request_to_join(chapter, MemberPageFactory(parent=member_index, title="Pending Org"))
    request_to_join(chapter, MemberPageFactory(parent=member_index, title="Declined Org"), "decline")
    draft = MemberPageFactory(parent=member_index, title="Draft Org")
    draft.unpublish()
    request_to_join(chapter, draft, "approve")
    private = MemberPageFactory(parent=member_index, title="Private Org")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    request_to_join(chapter, private, "approve")
    request_to_join(chapter, MemberPageFactory(parent=member_index, title="Approved Org"), "approve")
    section, api = listed_members(client, chapter)
    assert api == ["Approved Org"]
    assert "Approved Org" in section
    for title in ("Pending Org", "Declined Org", "Draft Org", "Private Org"):
        assert title not in section


def test_the_french_chapter_page_lists_members_in_french_where_translated(client, tree):
    chapter, member, member_index = tree["chapter"], tree["member"], tree["member_index"]
    french = Locale.objects.get(language_code="fr")
    request_to_join(chapter, member, "approve")
    request_to_join(chapter, MemberPageFactory(parent=member_index, title="Untranslated Org"), "approve")
    member_fr = member.copy_for_translation(french, copy_parents=True)
    member_fr.title = "Réseau Voix des Villages"
    member_fr.save_revision().publish()
    chapter_fr = chapter.copy_for_translation(french, copy_parents=True)
    chapter_fr.save_revision().publish()
    section, api = listed_members(client, chapter_fr)
    assert api == ["Réseau Voix des Villages", "Untranslated Org"]
    assert f'href="{member_fr.url}" lang="fr"' in section and "Village Voices Network" not in section
    assert 'lang="en">Untranslated Org</a>' in section
    assert listed_members(client, chapter)[1] == ["Untranslated Org", "Village Voices Network"]


def test_a_cached_chapter_page_shows_a_member_as_soon_as_the_lead_approves(client, tree, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 300
    cache.clear()
    chapter = tree["chapter"]
    client.get(chapter.url)
    assert client.get(chapter.url)["X-Cache"] == "hit"
    request_to_join(chapter, tree["member"], "approve")
    response = client.get(chapter.url)
    assert response["X-Cache"] == "miss" and "Member organisations of the chapter" in response.content.decode()
    ChapterMembership.objects.all().delete()
    assert "Member organisations of the chapter" not in client.get(chapter.url).content.decode()
    cache.clear()
