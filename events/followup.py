"""After the event: the recording player and the one "recording and materials" e-mail.

The recording plays in an iframe from YouTube (its no-cookie domain) or Vimeo, both in the CSP's
frame-src (hub/settings/security.py); the player URL is built from the link here, so rendering
never calls an oEmbed provider. Any other link, or an uploaded file, is shown as a link.

The follow-up e-mail goes out when an event is published with "publish the follow-up" ticked:
each registrant who was not cancelled gets it once (Registration.followup_sent_at), however often
the page is published again (events/wagtail_hooks.py). Apps above this one (subscriptions) hear of
it once per event through `followup_first_published` (events/signals.py).
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from .signals import followup_first_published

YOUTUBE_ID = re.compile(r"^[\w-]{11}$")
VIMEO_ID = re.compile(r"^\d+$")


def embed_url(url):
    """The embeddable player URL of a YouTube or Vimeo video link, else ""."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    video = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if segments[:1] == ["watch"]:
            video = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "live", "shorts"):
            video = segments[1]
        if YOUTUBE_ID.match(video):
            return f"https://www.youtube-nocookie.com/embed/{video}"
    elif host == "youtu.be" and segments:
        if YOUTUBE_ID.match(segments[0]):
            return f"https://www.youtube-nocookie.com/embed/{segments[0]}"
    elif host in ("vimeo.com", "player.vimeo.com"):
        numeric = [segment for segment in segments if VIMEO_ID.match(segment)]
        if numeric:
            return f"https://player.vimeo.com/video/{numeric[0]}"
    return ""


def has_followup(event):
    return event.followup_published and bool(
        event.recording_url or event.recording_document_id or event.key_messages or event.materials.exists()
    )


def announce(event, now=None):
    """On publishing an event with its follow-up: e-mail the registrants not yet sent it, and the
    first time for this event send `followup_first_published` (events/signals.py). Returns how many mails."""
    from .models import FollowUpAnnouncement

    if not has_followup(event):
        return 0
    sent = send_followups(event, now)
    _row, created = FollowUpAnnouncement.objects.get_or_create(event_key=event.translation_key)
    if created:
        followup_first_published.send(sender=type(event), event=event)
    return sent


def send_followups(event, now=None):
    """E-mail the recording and materials to every registrant not yet sent them. Returns how many."""
    from . import mails
    from .models import Registration

    now = now or timezone.now()
    pending = Registration.objects.filter(
        event_key=event.translation_key, followup_sent_at__isnull=True, erased_at__isnull=True
    ).exclude(status=Registration.CANCELLED)
    sent = 0
    for pk in list(pending.values_list("pk", flat=True)):
        if Registration.objects.filter(pk=pk, followup_sent_at__isnull=True).update(followup_sent_at=now):
            mails.send_followup(pk, event.pk)
            sent += 1
    return sent
