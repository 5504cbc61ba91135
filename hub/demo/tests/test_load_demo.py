"""The demo site: believable, complete, and safe to load twice."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape

from wagtail.models import Page, PageLogEntry, Revision

import pytest

from events.models import EventPage
from members.models import ChapterPage, MemberPage
from resources.models import GlossaryTermPage, GlossaryVariant, PaperIndexPage, PaperPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "variants": GlossaryVariant.objects.count(),
    }


def test_load_demo_twice_changes_nothing_and_every_live_page_answers(client, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first

    assert MemberPage.objects.live().count() >= 8
    assert ChapterPage.objects.live().count() >= 5
    assert GlossaryTermPage.objects.live().count() >= 25
    assert GlossaryVariant.objects.count() >= 15
    assert PaperPage.objects.live().count() >= 8
    assert EventPage.objects.live().count() >= 6
    from wagtail.models import Locale

    from events.queries import upcoming_events

    assert upcoming_events(Locale.get_default()).count() >= 2

    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url

    # Every organisation publishes a paper its editors can edit; demo-member's has one in the library and
    # one under its own page.
    assert not MemberPage.objects.filter(papers__isnull=True).exists()
    editor = get_user_model().objects.get(username="demo-member")
    editable = PaperPage.objects.filter(
        pk__in=[page.pk for page in PaperPage.objects.all() if page.permissions_for_user(editor).can_edit()]
    )
    parents = {page.get_parent().specific_class for page in editable}
    assert editable.count() >= 2
    assert parents == {PaperIndexPage, MemberPage}
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Write a new paper" in html
    assert all(escape(paper.title) in html for paper in editable)
    # Two upcoming events take registrations on the hub, one of them full with a waiting list;
    # a past event has its follow-up published.
    from events.registrations import counts, places_left

    on_hub = [event for event in EventPage.objects.live().filter(registration_open=True) if event.is_upcoming]
    assert len(on_hub) >= 2
    full = [event for event in on_hub if places_left(event) == 0 and counts(event)["waitlisted"]]
    assert full and "None: waiting list open" in client.get(full[0].url).content.decode()
    past = EventPage.objects.live().get(followup_published=True)
    assert not past.is_upcoming and past.materials.exists() and past.related_papers.exists()
    assert "Key messages" in client.get(past.url).content.decode()

    paper = PaperPage.objects.live().filter(attachments__isnull=False).first()
    document_url = paper.attachments.first().document.url
    download = client.get(document_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_demo_superuser_only_when_settings_allow(tmp_path, settings):
    from django.contrib.auth import get_user_model

    settings.BASE_DIR = tmp_path
    settings.HUB_CREATE_DEMO_USERS = False
    call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()
