"""Registration on the hub for an event: register, cancel, the waiting list, reminders and erasure.

One event, one list of registrations: the translations of an event share it through `event_key`
(their translation_key), and the page a person registered on gives the language they are written in.

Capacity: `register()` and `cancel()` lock the event's page rows (every translation, in pk order)
with SELECT ... FOR UPDATE for their transaction, so on PostgreSQL two people cannot both take the
last place: the second waits, then counts the first. SQLite locks the whole database for a write
transaction. The same address registering twice keeps its one registration (a unique constraint on
event_key + e-mail backs this up). When a confirmed person cancels, the longest-waiting people on
the waiting list take the free places and are told (`promote()`).

Mail is queued (events/mails.py through hub.base.mail), after the transaction commits, never sent
in the request. Personal data is erased HUB_REGISTRATION_RETENTION_DAYS after the event ends:
the rows stay, with their status and dates, so the counts survive.
"""

import datetime
import hashlib

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from wagtail.models import Page

from .models import EventPage, Registration

TOKEN_SALT = "events.registration"  # noqa: S105 - a signing salt, not a secret
# A registrant's link works for this long; after the event, cancelling is refused anyway.
TOKEN_MAX_AGE = datetime.timedelta(days=400)
RATE_WINDOW_SECONDS = 3600


def normalise_email(email):
    return email.strip().lower()


def registrations_of(event):
    return Registration.objects.filter(event_key=event.translation_key)


def counts(event):
    """{"confirmed": n, "waitlisted": n, "cancelled": n} across the event's translations."""
    rows = registrations_of(event).values("status").annotate(n=Count("pk"))
    found = {row["status"]: row["n"] for row in rows}
    return {status: found.get(status, 0) for status, _label in Registration.STATUSES}


def confirmed_count(event):
    return registrations_of(event).filter(status=Registration.CONFIRMED).count()


def places_left(event):
    """Free places, or None for an event without a limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - confirmed_count(event))


def _lock(event):
    """Hold the event's rows (all translations) until the transaction ends."""
    list(
        Page.objects.select_for_update()
        .filter(translation_key=event.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _after_commit(function, *args):
    transaction.on_commit(lambda: function(*args))


def register(event, *, name, email, language, organisation="", country="", accessibility=""):
    """Register a person; returns (registration, created). An address already registered gets its
    registration back unchanged (created is False); one that had cancelled registers anew."""
    from . import mails

    email = normalise_email(email)
    fields = {
        "name": name,
        "organisation": organisation,
        "country": country,
        "accessibility": accessibility,
        "language": language,
        "event": event,
    }
    with transaction.atomic():
        _lock(event)
        existing = registrations_of(event).filter(email=email).first()
        if existing is not None and existing.status != Registration.CANCELLED:
            return existing, False
        left = places_left(event)
        status = Registration.CONFIRMED if left is None or left > 0 else Registration.WAITLISTED
        if existing is not None:
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.status, existing.cancelled_at, existing.reminded_at = status, None, None
            existing.created_at = timezone.now()
            existing.save()
            registration = existing
        else:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        event_key=event.translation_key, email=email, status=status, **fields
                    )
            except IntegrityError:  # the same address in a concurrent request, on a database without the lock
                return registrations_of(event).get(email=email), False
        _after_commit(mails.send_confirmation, registration.pk)
    return registration, True


def resend_confirmation(pk):
    from . import mails

    mails.send_confirmation(pk)


def cancel(registration):
    """Cancel a registration; a confirmed place that frees goes to the waiting list. Returns whether it changed."""
    from . import mails

    with transaction.atomic():
        _lock(registration.event)
        registration.refresh_from_db()
        if registration.status == Registration.CANCELLED:
            return False
        was_confirmed = registration.status == Registration.CONFIRMED
        registration.status = Registration.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        _after_commit(mails.send_cancelled, registration.pk)
        if was_confirmed:
            promote(registration.event)
    return True


def promote(event):
    """Give free places to the waiting list, longest waiting first; call inside a transaction that holds the lock.

    Also run when an editor publishes the event (the capacity may have grown)."""
    from . import mails

    left = places_left(event)
    waiting = registrations_of(event).filter(status=Registration.WAITLISTED).order_by("created_at", "pk")
    promoted = list(waiting if left is None else waiting[:left])
    for registration in promoted:
        registration.status = Registration.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        _after_commit(mails.send_promoted, registration.pk)
    return promoted


def promote_locked(event):
    with transaction.atomic():
        _lock(event)
        return promote(event)


# --- signed links -------------------------------------------------------------------------


def token_for(registration):
    """ "<pk>-<timestamp>-<signature>": Wagtail routes a path segment of letters, digits, - and _ only,
    and the pk (digits) and timestamp (base 62) hold no "-", so the signature, which may, comes last."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(registration.pk)).replace(":", "-", 2)


def registration_for_token(token):
    """The registration a token names, or None when it is forged, expired or names nothing any more."""
    parts = token.split("-", 2)
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    try:
        pk = int(signing.TimestampSigner(salt=TOKEN_SALT).unsign(":".join(parts), max_age=TOKEN_MAX_AGE))
    except signing.BadSignature:  # SignatureExpired included
        return None
    return Registration.objects.filter(pk=pk, erased_at__isnull=True).select_related("event").first()


def registration_url(registration):
    """The registrant's own page (cancel), on the page they registered from, in their language."""
    event = registration.event
    return event.get_full_url() + event.reverse_subpage("registration", args=[token_for(registration)])


# --- rate limits --------------------------------------------------------------------------


def _hit(key, limit):
    """Count one attempt under `key` for the current hour; whether it is within `limit`."""
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count <= limit


def within_ip_limit(ip):
    return _hit(f"events:registration:ip:{ip}", settings.HUB_REGISTRATION_LIMIT_PER_IP)


def within_address_limit(email):
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    return _hit(f"events:registration:address:{digest}", settings.HUB_REGISTRATION_LIMIT_PER_ADDRESS)


# --- scheduled work -----------------------------------------------------------------------

REMINDER_BEFORE = datetime.timedelta(hours=24)


def send_reminders(now=None):
    """Remind each confirmed registrant once, in the 24 hours before the start. Returns how many."""
    from . import mails

    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.CONFIRMED,
        reminded_at__isnull=True,
        erased_at__isnull=True,
        event__start__gt=now,
        event__start__lte=now + REMINDER_BEFORE,
    )
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        # Claim the row first: two periodic runs at once still remind once.
        if Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            mails.send_reminder(pk)
            sent += 1
    return sent


def erase_personal_data(now=None):
    """Erase the personal data of registrations for events that ended more than the retention period ago."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.HUB_REGISTRATION_RETENTION_DAYS)
    ended = EventPage.objects.filter(end__lt=cutoff).values("translation_key")
    return erase(Registration.objects.filter(event_key__in=ended, erased_at__isnull=True), now)


def erase(registrations, now=None):
    """Blank the personal fields of `registrations`, keeping status and dates for the counts."""
    return registrations.update(
        name="",
        email=None,
        organisation="",
        country="",
        accessibility="",
        erased_at=now or timezone.now(),
    )


# --- one person's data, on request ------------------------------------------------------------


def personal_data(email):
    """Everything held about an address, as plain data (the export a person may ask for)."""
    email = normalise_email(email)
    return [
        {
            "event": registration.event.title,
            "event_url": registration.event.get_full_url(),
            "status": registration.status,
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "country": registration.country.code or "",
            "accessibility_needs": registration.accessibility,
            "language": registration.language,
            "registered_at": registration.created_at.isoformat(),
            "cancelled_at": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
        }
        for registration in Registration.objects.filter(email=email).select_related("event")
    ]


def delete_personal_data(email):
    """Delete every registration of an address; a confirmed place it held goes to the waiting list."""
    email = normalise_email(email)
    freed = []
    with transaction.atomic():
        registrations = list(Registration.objects.filter(email=email).select_related("event"))
        for registration in registrations:
            if registration.status == Registration.CONFIRMED and registration.event.is_upcoming:
                freed.append(registration.event)
            registration.delete()
        for event in freed:
            promote_locked(event)
    return len(registrations)
