"""What registrants receive, read back from a real SMTP server (the `smtp_server` fixture): the
confirmation with the event's .ics, the waiting list and promotion, cancelling, the reminder, the
follow-up, each in the registrant's language."""

import datetime

from django.utils import timezone

from wagtail.documents.models import Document

import pytest
from icalendar import Calendar

from events import followup, registrations
from events.models import EventMaterial, EventRelatedPaper, Registration
from events.signals import followup_first_published
from events.tests.test_feeds import translate

pytestmark = pytest.mark.django_db

ONLINE = "https://meet.example.org/peru-webinar"


@pytest.fixture
def event(tree):
    event = tree["event"]
    event.registration_open = True
    event.capacity = 1
    event.online_url = ONLINE
    event.save_revision().publish()
    return event


def form_data(**changes):
    return {"name": "Ana Quispe", "email": "ana@example.org", "country": "PE", "consent": "on", **changes}


def subject(message):
    # A non-ASCII subject arrives folded onto the next line: the parsed value keeps the fold's space.
    return str(message["Subject"]).strip()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def attachments(message):
    return {part.get_filename(): part for part in message.iter_attachments()}


def registration_link(message):
    return next(line for line in text_of(message).splitlines() if "/registration/" in line).strip()


def test_registering_sends_a_confirmation_with_the_public_calendars_uid(
    client, event, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(event.url + "register/", form_data()).status_code == 200
    [message] = smtp_server.messages
    assert message.envelope_recipients == ["ana@example.org"]
    assert subject(message) == f"You are registered: {event.title}"
    assert message["Content-Language"] == "en"
    assert "Hello Ana Quispe," in text_of(message)
    assert "is confirmed" in html_of(message)
    ics = attachments(message)[f"{event.slug}.ics"]
    assert ics.get_content_type() == "text/calendar"
    [vevent] = Calendar.from_ical(ics.get_content()).walk("VEVENT")
    [public] = Calendar.from_ical(client.get(event.url + "event.ics").content).walk("VEVENT")
    assert str(vevent["UID"]) == str(public["UID"]) == f"{event.translation_key}@localhost"
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)
    # The registrant's calendar has the online link; the public one never does.
    assert ONLINE in str(vevent["DESCRIPTION"]) and ONLINE not in str(public["DESCRIPTION"])


def test_the_waiting_list_is_told_and_told_again_when_a_place_frees(
    client, event, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url + "register/", form_data(email="first@example.org", name="First"))
        client.post(event.url + "register/", form_data(email="second@example.org", name="Second"))
    first, waiting = smtp_server.messages
    assert subject(waiting) == f"Waiting list: {event.title}"
    assert "you are on the waiting list" in text_of(waiting)
    assert ONLINE not in text_of(waiting)
    # No calendar file either: it would carry the online link (and look like a place).
    assert not any(ONLINE in part.get_content() for part in waiting.walk() if not part.is_multipart())
    assert f"{event.slug}.ics" not in attachments(waiting)
    smtp_server.messages.clear()

    # The first person cancels through the link in their confirmation.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(registration_link(first)).status_code == 200
    by_recipient = {message.envelope_recipients[0]: message for message in smtp_server.messages}
    assert subject(by_recipient["first@example.org"]) == f"Registration cancelled: {event.title}"
    promoted = by_recipient["second@example.org"]
    assert subject(promoted) == f"A place is yours: {event.title}"
    assert f"{event.slug}.ics" in attachments(promoted)
    assert Registration.objects.get(email="second@example.org").status == Registration.CONFIRMED


def test_a_registrant_is_written_to_in_the_language_they_registered_in(
    client, event, smtp_server, django_capture_on_commit_callbacks
):
    french = translate(event, "fr", title="Webinaire du chapitre Pérou")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(french.url + "register/", form_data(email="lucie@example.org", name="Lucie"))
    assert response.status_code == 200
    [message] = smtp_server.messages
    assert subject(message) == "Vous êtes inscrit·e : Webinaire du chapitre Pérou"
    assert message["Content-Language"] == "fr"
    assert "Bonjour Lucie," in text_of(message)
    assert "/fr/" in registration_link(message)
    assert Registration.objects.get().language == "fr"


def test_the_reminder_goes_once_to_confirmed_registrants_with_the_online_link(event, smtp_server):
    registrations.register(event, name="Ana", email="ana@example.org", language="en")
    registrations.register(event, name="Waiting", email="wait@example.org", language="en")
    smtp_server.messages.clear()
    too_early = event.start - datetime.timedelta(hours=30)
    assert registrations.send_reminders(too_early) == 0
    day_before = event.start - datetime.timedelta(hours=20)
    assert registrations.send_reminders(day_before) == 1
    assert registrations.send_reminders(day_before + datetime.timedelta(hours=1)) == 0
    [message] = smtp_server.messages
    assert message.envelope_recipients == ["ana@example.org"]
    assert subject(message) == f"Reminder: {event.title}"
    assert ONLINE in text_of(message) and ONLINE in html_of(message)


def test_the_periodic_command_sends_the_reminders(event, smtp_server):
    from django.core.management import call_command

    event.start = timezone.now() + datetime.timedelta(hours=3)
    event.end = event.start + datetime.timedelta(hours=1)
    event.save_revision().publish()
    registrations.register(event, name="Ana", email="ana@example.org", language="en")
    call_command("run_periodic", only=["event-reminders"])
    call_command("run_periodic", only=["event-reminders"])
    assert [subject(message) for message in smtp_server.messages] == [f"Reminder: {event.title}"]


def test_the_follow_up_goes_once_to_registrants_when_first_published(event, tree, smtp_server):
    from django.core.files.base import ContentFile

    registrations.register(event, name="Ana", email="ana@example.org", language="en")
    registrations.register(event, name="Waiting", email="wait@example.org", language="en")
    cancelled = registrations.register(event, name="Gone", email="gone@example.org", language="en")[0]
    registrations.cancel(cancelled)
    heard = []
    followup_first_published.connect(
        lambda sender, event, **kwargs: heard.append(event.pk), weak=False, dispatch_uid="t"
    )
    smtp_server.messages.clear()

    event.start = timezone.now() - datetime.timedelta(days=2)
    event.end = event.start + datetime.timedelta(hours=2)
    event.recording_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    event.key_messages = "<p>Municipal budgets follow village plans.</p>"
    slides = Document.objects.create(title="Slides", file=ContentFile(b"%PDF-1.4 slides", name="slides.pdf"))
    event.materials.add(EventMaterial(document=slides))
    event.related_papers.add(EventRelatedPaper(paper=tree["paper"]))
    event.save_revision().publish()
    assert smtp_server.messages == []  # ticked off: nothing yet

    event.followup_published = True
    event.save_revision().publish()
    event.save_revision().publish()
    try:
        assert sorted(message.envelope_recipients[0] for message in smtp_server.messages) == [
            "ana@example.org",
            "wait@example.org",
        ]
        message = smtp_server.messages[0]
        assert subject(message) == f"Recording and materials: {event.title}"
        text = text_of(message)
        assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in text
        assert "Slides: http://localhost/documents/" in text
        assert "Municipal budgets follow village plans." in text
        assert heard == [event.pk]
    finally:
        followup_first_published.disconnect(dispatch_uid="t")


def test_the_follow_up_shows_the_recording_materials_and_papers_on_the_page(
    client, tree, django_assert_max_num_queries
):
    event = tree["past_event"]
    event.recording_url = "https://vimeo.com/76979871"
    event.key_messages = "<p>Municipal budgets follow village plans.</p>"
    event.related_papers.add(EventRelatedPaper(paper=tree["paper"]))
    event.followup_published = True
    event.save_revision().publish()
    with django_assert_max_num_queries(20):
        response = client.get(event.url)
    content = response.content.decode()
    assert 'src="https://player.vimeo.com/video/76979871"' in content
    assert "player.vimeo.com" in response["Content-Security-Policy"]
    assert "Municipal budgets follow village plans." in content
    assert tree["paper"].title in content and tree["paper"].url in content


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://example.org/recording", ""),
        ("https://www.youtube.com/watch?v=<script>", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_only_youtube_and_vimeo_links_become_players(url, player):
    assert followup.embed_url(url) == player
