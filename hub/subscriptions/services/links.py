"""Signed links to confirm, manage and unsubscribe, and the messages that carry them."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from hub.base.mail import queue_mail, site_url

from ..models import Subscriber

CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"


class InvalidToken(ValueError):
    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def normalise_email(email):
    return email.strip().lower()


def make_token(subscriber, salt):
    return signing.dumps([subscriber.pk, subscriber.key], salt=salt, compress=True)


def subscriber_from_token(token, salt, max_age=None):
    """The subscriber a signed link names; InvalidToken when forged, expired or for a deleted address."""
    try:
        pk, key = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken() from error
    subscriber = Subscriber.objects.filter(pk=pk, key=key).first() if isinstance(pk, int) else None
    if subscriber is None:
        raise InvalidToken()
    return subscriber


def link(name, subscriber, salt):
    with translation.override(subscriber.language):
        return site_url(reverse(f"subscriptions:{name}", args=[make_token(subscriber, salt)]))


def mail_links(subscriber):
    """The manage and one-click unsubscribe links and headers (RFC 8058) every message carries."""
    unsubscribe = link("unsubscribe", subscriber, MANAGE_SALT)
    return {
        "context": {"manage_url": link("manage", subscriber, MANAGE_SALT), "unsubscribe_url": unsubscribe},
        "headers": {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    }


def send(subscriber, template, context):
    links = mail_links(subscriber)
    queue_mail(
        to=subscriber.email,
        template=f"subscriptions/{template}",
        context={**context, **links["context"]},
        language=subscriber.language,
        headers=links["headers"],
    )
