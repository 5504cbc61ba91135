"""The weekly digest and the "as it happens" event notice, as received through a real SMTP server."""

import datetime

from django.core.management import call_command
from django.utils import timezone

import pytest

from events.factories import EventPageFactory
from hub.base.factories import ThemeFactory
from hub.subscriptions import services
from hub.subscriptions.models import SentItem, Subscriber
from members.factories import MemberPageFactory
from resources.factories import PaperPageFactory

pytestmark = pytest.mark.django_db

LAST_WEEK = datetime.timedelta(days=8)


def text_part(message):
    return next(p.get_content() for p in message.walk() if p.get_content_type() == "text/plain")


def follower(kind="all", language="en", instant=False, **record):
    subscriber = Subscriber.objects.create(
        email=f"{kind}-{language}@example.org", language=language, confirmed_at=timezone.now() - LAST_WEEK
    )
    subscriber.subscriptions.create(kind=kind, instant=instant, confirmed_at=timezone.now() - LAST_WEEK, **record)
    return subscriber


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def digests(smtp_server):
    call_command("run_periodic", "--only", "subscriptions-digest")
    return {message["To"]: message for message in smtp_server.messages}


def test_a_digest_lists_what_matches_and_carries_the_unsubscribe_headers(tree, smtp_server):
    follower("method", method=tree["method"])
    follower("chapter", page=tree["chapter"].page_ptr)
    unrelated = publish(PaperPageFactory(parent=tree["library"], title="Unrelated paper"))
    assert unrelated.first_published_at > timezone.now() - datetime.timedelta(minutes=5)

    received = digests(smtp_server)
    method_digest = text_part(received["method-en@example.org"])
    assert "Community scorecards in practice" in method_digest
    assert "Unrelated paper" not in method_digest
    chapter_digest = text_part(received["chapter-en@example.org"])
    assert "Peru chapter webinar" in chapter_digest
    assert "Community scorecards in practice" not in chapter_digest
    message = received["method-en@example.org"]
    assert message["Subject"] == "CLD Hub: 1 new item this week"
    assert "/en/subscriptions/unsubscribe/" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/en/subscriptions/manage/" in text_part(message)


def test_nothing_is_sent_twice(tree, smtp_server):
    subscriber = follower("all")
    digests(smtp_server)
    assert len(smtp_server.messages) == 1
    # A week later, with nothing new, nothing is sent, and what was sent is not sent again.
    Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=timezone.now() - LAST_WEEK)
    for page in (tree["paper"], tree["event"]):  # re-published: not new
        publish(page)
    digests(smtp_server)
    assert len(smtp_server.messages) == 1
    assert SentItem.objects.filter(subscriber=subscriber).count() == 2


def test_a_digest_that_is_not_due_is_not_sent(tree, smtp_server):
    subscriber = follower("all")
    Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=timezone.now() - datetime.timedelta(days=2))
    assert digests(smtp_server) == {}


def test_nothing_is_sent_when_nothing_matches(tree, smtp_server):
    follower("member", page=MemberPageFactory(parent=tree["member_index"], title="Quiet member").page_ptr)
    follower("theme", theme=ThemeFactory(name="Water"))
    assert digests(smtp_server) == {}
    assert Subscriber.objects.exclude(last_digest_at=None).count() == 2  # the week is counted anyway


def test_unconfirmed_subscribers_get_no_digest(tree, smtp_server):
    subscriber = follower("all")
    subscriber.subscriptions.update(confirmed_at=None)
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=None)
    assert digests(smtp_server) == {}


def test_the_digest_is_in_the_subscribers_language_where_translated(tree, smtp_server):
    from wagtail.models import Locale

    french = Locale.objects.get(language_code="fr")
    paper = tree["paper"]
    home_fr = tree["home"].copy_for_translation(french)
    library_fr = tree["library"].copy_for_translation(french)
    translation = paper.copy_for_translation(french)
    translation.title = "Fiches d'évaluation communautaire en pratique"
    publish(home_fr)
    publish(library_fr)
    publish(translation)
    follower("papers", language="fr")
    message = digests(smtp_server)["papers-fr@example.org"]
    text = text_part(message)
    assert "Fiches d'évaluation communautaire en pratique" in text
    assert "/fr/" in text
    assert text.count("Community scorecards in practice") == 0
    assert message["Subject"] == "CLD Hub : 1 nouveauté cette semaine"


def test_a_new_chapter_event_is_announced_as_it_happens_once(tree, smtp_server, django_capture_on_commit_callbacks):
    follower("chapter", instant=True, page=tree["chapter"].page_ptr)
    weekly_only = follower("chapter", language="es", page=tree["chapter"].page_ptr)
    event = EventPageFactory(
        parent=tree["chapter"], title="Andean planning clinic", chapter=tree["chapter"], live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    (message,) = smtp_server.messages
    assert message["To"] == "chapter-en@example.org"
    assert message["Subject"] == "New event: Andean planning clinic"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)  # published again: no second message
    assert len(smtp_server.messages) == 1
    # And the weekly digest does not repeat it.
    smtp_server.messages.clear()
    received = digests(smtp_server)
    assert "Peru chapter webinar" in text_part(received["chapter-en@example.org"])
    assert "Andean planning clinic" not in text_part(received["chapter-en@example.org"])
    assert "Andean planning clinic" in text_part(received["chapter-es@example.org"])
    assert weekly_only.sent_items.count() == 2


def test_run_periodic_lists_the_subscription_jobs():
    from io import StringIO

    out = StringIO()
    call_command("run_periodic", "--list", stdout=out)
    assert {"subscriptions-digest", "subscriptions-delete-unconfirmed"} <= set(out.getvalue().split())


def test_digest_selection_matches_each_kind(tree):
    """Which pages each kind of subscription selects, without sending."""
    since = timezone.now() - LAST_WEEK
    cases = {
        "all": {"paper", "event"},
        "papers": {"paper"},
        "events": {"event"},
    }
    for kind, expected in cases.items():
        subscriber = follower(kind)
        found = {kind for kind, _page in services.new_pages(subscriber, since)}
        assert found == expected, kind
    subscriber = follower("member", page=tree["member"].page_ptr)
    titles = {page.title for _kind, page in services.new_pages(subscriber, since)}
    assert titles == {"Community scorecards in practice", "Peru chapter webinar"}
    subscriber = follower("theme", theme=tree["theme"])
    assert {page.title for _kind, page in services.new_pages(subscriber, since)} == {"Community scorecards in practice"}
    # A method brings the papers that use it and the events on it.
    subscriber = follower("method", method=tree["method"])
    assert {page.title for _kind, page in services.new_pages(subscriber, since)} == {"Community scorecards in practice"}
    tree["event"].methods.set([tree["method"]])
    tree["event"].save_revision().publish()
    titles = {page.title for _kind, page in services.new_pages(subscriber, since)}
    assert titles == {"Community scorecards in practice", "Peru chapter webinar"}


def test_chapter_followers_are_the_confirmed_subscribers_of_the_chapter(tree):
    weekly = follower("chapter", page=tree["chapter"].page_ptr)
    instant = follower("chapter", language="pt", instant=True, page=tree["chapter"].page_ptr)
    pending = follower("chapter", language="es", page=tree["chapter"].page_ptr)
    pending.subscriptions.update(confirmed_at=None)
    follower("all")
    assert set(services.chapter_followers(tree["chapter"])) == {weekly, instant}


def test_the_recording_and_materials_go_once_to_chapter_followers_who_did_not_register(
    tree, smtp_server, django_capture_on_commit_callbacks
):
    from events import registrations

    follower("chapter", page=tree["chapter"].page_ptr)
    registered = follower("chapter", language="pt", page=tree["chapter"].page_ptr)
    follower("all", language="es")  # follows everything, not the chapter: the weekly digest is enough
    event = EventPageFactory(
        parent=tree["chapter"],
        title="Andean planning clinic",
        chapter=tree["chapter"],
        registration_open=True,
        start=timezone.now() + datetime.timedelta(days=3),
    )
    registrations.register(event, name="Rosa", email=registered.email, language="pt")
    event.start = timezone.now() - datetime.timedelta(days=2)
    event.end = event.start + datetime.timedelta(hours=2)
    event.recording_url = "https://vimeo.com/76979871"
    event.followup_published = True
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    followers = [m for m in smtp_server.messages if m["Subject"] == "Recording and materials: Andean planning clinic"]
    assert [m["To"] for m in followers] == ["chapter-en@example.org"]
    assert followers[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert event.url in text_part(followers[0]) or "andean-planning-clinic" in text_part(followers[0])
    # The registrant heard from the event itself, once.
    assert [m["To"] for m in smtp_server.messages if m["To"] == registered.email] == [registered.email]
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert smtp_server.messages == []
