"""The e-mails a registrant receives, queued through hub.base.mail (never sent in the request).

Each is written in the registrant's language (the language of the page they registered on), with
the event's times in the event's own zone, and carries the registrant's signed link to cancel.
Templates: templates/mail/events/<name>.subject.txt, .txt and .html.

- confirmation: confirmed or on the waiting list, with the event's .ics attached (the public
  calendar's UID, plus the online link);
- promoted: a place freed and is now theirs, with the .ics;
- cancelled: their cancellation, confirmed;
- reminder: 24 hours before the start, with the online link;
- followup: the recording, materials and key messages, once, after the event.
"""

import html

from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags

from wagtail.rich_text import expand_db_html

from hub.base.mail import queue_mail

from .ical import registrant_calendar_file, registrant_joining_link
from .models import Registration


def _registration(pk):
    return Registration.objects.select_related("event").filter(pk=pk, erased_at__isnull=True).first()


def _absolute(event, url):
    if url.startswith(("http://", "https://")):
        return url
    site = event.get_site()
    return (site.root_url if site else "") + url


def context_for(registration):
    """Plain strings only: the mail task may run in another process."""
    from .registrations import registration_url

    event = registration.event
    with translation.override(registration.language):
        when = "{} – {}".format(
            date_format(event.local_start, "DATETIME_FORMAT"), date_format(event.local_end, "DATETIME_FORMAT")
        )
        country = event.event_country
        place = ", ".join(part for part in (event.venue, str(country.name) if country else "") if part)
    return {
        "name": registration.name,
        "status": registration.status,
        "event_title": event.title,
        "event_url": event.get_full_url(),
        "when": when,
        "time_zone": event.time_zone,
        "place": place if event.format != "online" else "",
        "online_link": registrant_joining_link(event) if event.format != "in-person" else "",
        "registration_url": registration_url(registration),
    }


def _send(registration, template, context=None, attachments=None):
    queue_mail(
        to=registration.email,
        template=template,
        context={**context_for(registration), **(context or {})},
        language=registration.language,
        attachments=attachments,
    )


def send_confirmation(pk):
    registration = _registration(pk)
    if registration is None or registration.status == Registration.CANCELLED:
        return
    # The calendar file carries the online link: only for a confirmed place, not a place on the waiting list
    # (which gets it with the promotion e-mail).
    confirmed = registration.status == Registration.CONFIRMED
    attachments = [registrant_calendar_file(registration.event)] if confirmed else []
    _send(registration, "events/confirmation", attachments=attachments)


def send_promoted(pk):
    registration = _registration(pk)
    if registration is None or registration.status != Registration.CONFIRMED:
        return
    _send(registration, "events/promoted", attachments=[registrant_calendar_file(registration.event)])


def send_cancelled(pk):
    registration = _registration(pk)
    if registration is not None:
        _send(registration, "events/cancelled")


def send_reminder(pk):
    registration = _registration(pk)
    if registration is not None and registration.status == Registration.CONFIRMED:
        _send(registration, "events/reminder")


def followup_context(event):
    """The follow-up's recording, materials and key messages, as links and text."""
    documents = [item.document for item in event.materials.select_related("document")]
    recording = event.recording_url or (
        _absolute(event, event.recording_document.url) if event.recording_document_id else ""
    )
    key_messages_html = expand_db_html(event.key_messages) if event.key_messages else ""
    return {
        "recording_url": recording,
        "materials": [{"title": document.title, "url": _absolute(event, document.url)} for document in documents],
        "key_messages_html": key_messages_html,
        "key_messages_text": html.unescape(strip_tags(key_messages_html)).strip(),
    }


def send_followup(pk, event_id):
    """The follow-up of the registrant's translation of the event when it has one, else of `event_id`'s."""
    from .followup import has_followup
    from .models import EventPage

    registration = _registration(pk)
    if registration is None:
        return
    event = registration.event
    if not (event.live and has_followup(event)):
        event = EventPage.objects.get(pk=event_id)
    with translation.override(registration.language):
        extra = followup_context(event)
    _send(registration, "events/followup", extra)
