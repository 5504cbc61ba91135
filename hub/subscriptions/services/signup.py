"""Subscribing, confirming and deleting an address, and what is kept about it."""

import datetime

from django.db import transaction
from django.utils import timezone, translation

from hub.base.models import MailFailure

from ..models import Subscriber, Subscription
from .links import CONFIRM_SALT, link, normalise_email, send
from .topics import subscription_fields

Kind = Subscription.Kind
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
UNCONFIRMED_LIFETIME = datetime.timedelta(days=7)


def describe(subscription, language):
    """A subscription in words, in `language`, for messages and the manage page."""
    with translation.override(language):
        record = subscription.record
        if record is None:
            return str(subscription.get_kind_display())
        translated = (
            type(record).objects.filter(translation_key=record.translation_key, locale__language_code=language).first()
        )
        record = translated or record
        name = getattr(record, "title", None) or getattr(record, "name", "")
        return f"{subscription.get_kind_display()}: {name}"


@transaction.atomic
def subscribe(email, topics, language, instant=False):
    """Add `topics` ([(kind, record)]) for `email`, unconfirmed, and send the confirmation.

    The caller answers the same whatever happens here: nothing tells whether the address was known.
    Returns whether a confirmation was queued."""
    subscriber, created = Subscriber.objects.get_or_create(
        email=normalise_email(email), defaults={"language": language}
    )
    if not created and subscriber.confirmed_at is None:
        subscriber.language = language
        subscriber.save(update_fields=["language"])
    pending = []
    for kind, record in topics:
        fields = subscription_fields(kind, record)
        subscription = subscriber.subscriptions.filter(**fields).first()
        if subscription is None:
            subscription = subscriber.subscriptions.create(**fields, instant=instant and kind == Kind.CHAPTER)
        if subscription.confirmed_at is None:
            pending.append(subscription)
    if not pending:
        return False
    send(
        subscriber,
        "confirm",
        {
            "confirm_url": link("confirm", subscriber, CONFIRM_SALT),
            "topics": [describe(subscription, subscriber.language) for subscription in pending],
            "days": CONFIRM_MAX_AGE.days,
        },
    )
    return True


def confirm(subscriber):
    """Confirm every pending subscription; the digest covers what is published from now on."""
    now = timezone.now()
    subscriber.subscriptions.filter(confirmed_at=None).update(confirmed_at=now)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])


def delete_subscriber(subscriber):
    """Remove the address for good: subscriptions, what was sent, and its failed messages."""
    with transaction.atomic():
        MailFailure.objects.filter(to__iexact=subscriber.email).delete()
        subscriber.delete()


def delete_unconfirmed(now=None):
    """Unconfirmed subscriptions older than 7 days, and addresses left with nothing confirmed."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_LIFETIME
    Subscription.objects.filter(confirmed_at=None, created_at__lt=cutoff).delete()
    deleted, _by_model = Subscriber.objects.filter(confirmed_at=None, created_at__lt=cutoff).delete()
    return deleted


def export(email):
    """Everything kept about an address, as JSON-ready dicts (personal data requests)."""
    subscriber = Subscriber.objects.filter(email=normalise_email(email)).first()
    if subscriber is None:
        return []
    return [
        {
            "email": subscriber.email,
            "language": subscriber.language,
            "subscribed_at": subscriber.created_at.isoformat(),
            "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
            "last_digest_at": subscriber.last_digest_at.isoformat() if subscriber.last_digest_at else None,
            "subscriptions": [
                {
                    "follows": describe(subscription, "en"),
                    "as_it_happens": subscription.instant,
                    "confirmed": subscription.confirmed_at is not None,
                }
                for subscription in subscriber.subscriptions.all()
            ],
            "pages_sent": subscriber.sent_items.count(),
        }
    ]


def erase(email):
    subscriber = Subscriber.objects.filter(email=normalise_email(email)).first()
    if subscriber is None:
        return 0
    delete_subscriber(subscriber)
    return 1
