"""Subscribing, confirming, changing and deleting, and what a subscriber is sent.

Shared by the views, the tasks, the admin and the `personal_data` command. Why this app sits in
the `search` layer: a subscription names chapters and member organisations (members), themes and
methods (hub.base), and a digest reads papers (resources) and events (events); `search` is the lowest
layer that sees all of them, and this app is its sibling so that nothing personal comes near the
search documents.

Topics travel as text: "all", "papers", "events", "theme:<id>", "method:<id>", "chapter:<page id>",
"member:<page id>" (`parse_topic` / `topic_value`). A page of another app offers its own topic by an
attribute `follow_topic` returning ("method", <Method>) or ("theme", <Theme>) (`topic_for_page`).
"""

import datetime

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator

from wagtail.models import Page

from events.models import EventIndexPage, EventPage, Registration
from hub.base.mail import queue_mail, site_url
from hub.base.models import HomePage, MailFailure, Method, Theme
from members.models import ChapterPage, MemberPage
from resources.models import PaperIndexPage, PaperPage

from .models import SentItem, Subscriber, Subscription

Kind = Subscription.Kind
CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
UNCONFIRMED_LIFETIME = datetime.timedelta(days=7)
DIGEST_INTERVAL = datetime.timedelta(days=7)
# run_periodic runs hourly: a digest due within the hour goes now, so the weekly rhythm does not drift.
DIGEST_SLACK = datetime.timedelta(hours=1)
DIGEST_MAX_ITEMS = 40
PLAIN_KINDS = {Kind.ALL, Kind.PAPERS, Kind.EVENTS}
RECORD_MODELS = {Kind.THEME: Theme, Kind.METHOD: Method, Kind.CHAPTER: ChapterPage, Kind.MEMBER: MemberPage}


class InvalidTopic(ValueError):
    pass


class InvalidToken(ValueError):
    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


# ---------------------------------------------------------------- topics


def parse_topic(value):
    """(kind, record or None) for a topic string; InvalidTopic when it names nothing that exists."""
    kind, _sep, ident = str(value).partition(":")
    if kind in PLAIN_KINDS and not ident:
        return Kind(kind), None
    model = RECORD_MODELS.get(kind)
    if model is None or not ident.isdigit() or len(ident) > 12:
        raise InvalidTopic(value)
    queryset = model.objects.live() if issubclass(model, Page) else model.objects.all()
    record = queryset.filter(pk=int(ident)).first()
    if record is None:
        raise InvalidTopic(value)
    return Kind(kind), record


def topic_value(kind, record=None):
    return f"{kind}:{record.pk}" if record is not None else str(kind)


def topic_for_page(page):
    """(kind, record or None) that a page offers to follow, or None."""
    specific = getattr(page, "specific_deferred", page)
    if isinstance(specific, HomePage):
        return Kind.ALL, None
    if isinstance(specific, PaperIndexPage):
        return Kind.PAPERS, None
    if isinstance(specific, EventIndexPage):
        return Kind.EVENTS, None
    if isinstance(specific, ChapterPage):
        return Kind.CHAPTER, specific
    if isinstance(specific, MemberPage):
        return Kind.MEMBER, specific
    offered = getattr(specific, "follow_topic", None)
    if offered:
        kind, record = offered
        if kind in (Kind.THEME, Kind.METHOD) and record is not None:
            return Kind(kind), record
    return None


def subscription_fields(kind, record):
    fields = {"kind": kind, "page": None, "theme": None, "method": None}
    if kind in Subscription.PAGE_KINDS:
        fields["page"] = record.page_ptr if hasattr(record, "page_ptr") else record
    elif kind == Kind.THEME:
        fields["theme"] = record
    elif kind == Kind.METHOD:
        fields["method"] = record
    return fields


# ---------------------------------------------------------------- tokens and links


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


# ---------------------------------------------------------------- subscribe, confirm, change, delete


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


# ---------------------------------------------------------------- what matches


def _page_paths(record):
    """The paths of a page and of its translations (each locale has its own tree)."""
    return list(Page.objects.filter(translation_key=record.translation_key).values_list("path", flat=True))


def _under(paths):
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(path__startswith=path)
    return query


def matching_filters(subscriptions):
    """(papers Q, events Q) selecting what any of `subscriptions` follows; None where nothing does."""
    papers, events = [], []
    for subscription in subscriptions:
        kind = subscription.kind
        if kind in (Kind.ALL, Kind.PAPERS):
            papers.append(Q())
        if kind in (Kind.ALL, Kind.EVENTS):
            events.append(Q())
        if kind == Kind.THEME:
            key = subscription.theme.translation_key
            papers.append(Q(themes__translation_key=key))
            events.append(Q(themes__translation_key=key))
        elif kind == Kind.METHOD:
            papers.append(Q(methods__translation_key=subscription.method.translation_key))
        elif kind == Kind.CHAPTER:
            key = subscription.page.translation_key
            events.append(Q(chapter__translation_key=key) | _under(_page_paths(subscription.page)))
        elif kind == Kind.MEMBER:
            key = subscription.page.translation_key
            papers.append(Q(organisations__translation_key=key) | _under(_page_paths(subscription.page)))
            events.append(Q(organisers__translation_key=key))

    def combine(queries):
        if not queries:
            return None
        combined = queries[0]
        for query in queries[1:]:
            combined |= query
        return combined

    return combine(papers), combine(events)


def _in_language(model, keys, language):
    """For each translation key, the live public page in `language` if translated, else the original."""
    chosen = {}
    pages = model.objects.live().public().filter(translation_key__in=keys, alias_of=None).select_related("locale")
    for page in pages.order_by("first_published_at", "pk"):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale.language_code == language and current.locale.language_code != language):
            chosen[page.translation_key] = page
    return chosen


def new_pages(subscriber, since, kinds=None):
    """[(kind, page)] first published after `since` that the subscriber follows and was not yet sent."""
    subscriptions = list(subscriber.subscriptions.exclude(confirmed_at=None).select_related("page", "theme", "method"))
    papers_q, events_q = matching_filters(subscriptions)
    sent = set(subscriber.sent_items.values_list("translation_key", flat=True))
    found = []
    for kind, model, query in (("event", EventPage, events_q), ("paper", PaperPage, papers_q)):
        if query is None or (kinds and kind not in kinds):
            continue
        keys = (
            set(
                model.objects.live()
                .public()
                .filter(query, first_published_at__gt=since, alias_of=None)
                .values_list("translation_key", flat=True)
                .distinct()
            )
            - sent
        )
        for page in _in_language(model, keys, subscriber.language).values():
            found.append((kind, page))
    found.sort(key=lambda item: (item[0] != "event", -(item[1].first_published_at or since).timestamp()))
    return found[:DIGEST_MAX_ITEMS]


def item(kind, page, language):
    """What a message says about one page: JSON only, dates written in `language`."""
    with translation.override(language):
        if kind == "event":
            date = formats.date_format(timezone.localtime(page.start, page.zone), "DATETIME_FORMAT")
            summary = page.summary
        else:
            date = formats.date_format(page.publication_date, "DATE_FORMAT")
            summary = Truncator(page.abstract).words(40)
    return {
        "kind": kind,
        "title": page.title,
        "url": site_url((page.get_url_parts() or (None, None, page.url_path))[2]),
        "date": date,
        "summary": summary,
        "language": page.locale.language_code,
    }


def record_sent(subscriber, pages):
    SentItem.objects.bulk_create(
        [SentItem(subscriber=subscriber, translation_key=page.translation_key) for _kind, page in pages],
        ignore_conflicts=True,
    )


# ---------------------------------------------------------------- digests and event notices


def digests_due(now=None):
    now = now or timezone.now()
    due_before = now - DIGEST_INTERVAL + DIGEST_SLACK
    return Subscriber.objects.exclude(confirmed_at=None).filter(
        Q(last_digest_at=None, confirmed_at__lte=due_before) | Q(last_digest_at__lte=due_before)
    )


def send_digest(subscriber, now=None):
    """One subscriber's weekly digest: claims the week first, so two runs never send it twice.
    Returns the number of pages sent (0: nothing matched, nothing sent)."""
    now = now or timezone.now()
    since = subscriber.last_digest_at or subscriber.confirmed_at
    claimed = Subscriber.objects.filter(pk=subscriber.pk, last_digest_at=subscriber.last_digest_at).update(
        last_digest_at=now
    )
    if not claimed:
        return 0
    with translation.override(subscriber.language):
        pages = new_pages(subscriber, since)
    if not pages:
        return 0
    items = [item(kind, page, subscriber.language) for kind, page in pages]
    send(
        subscriber,
        "digest",
        {
            "events": [entry for entry in items if entry["kind"] == "event"],
            "papers": [entry for entry in items if entry["kind"] == "paper"],
            "count": len(items),
        },
    )
    record_sent(subscriber, pages)
    return len(items)


def send_digests(now=None):
    sent = 0
    for subscriber in digests_due(now).iterator():
        sent += bool(send_digest(subscriber, now))
    return sent


def chapter_followers(chapter):
    """Confirmed subscribers who follow `chapter` (in any of its translations), weekly or as it happens:
    whom a chapter-wide message (an event's recording and materials, say) goes to, with `send`."""
    return Subscriber.objects.filter(
        subscriptions__kind=Kind.CHAPTER,
        subscriptions__page__translation_key=chapter.translation_key,
        subscriptions__confirmed_at__isnull=False,
    ).distinct()


def notify_new_event(event):
    """'As it happens': one message per new event to whoever follows its chapter so, never twice."""
    chapter = event.chapter or ChapterPage.objects.ancestor_of(event).first()
    if chapter is None or not event.live or event.start < timezone.now():
        return 0
    chapter_key = chapter.translation_key
    subscribers = Subscriber.objects.filter(
        subscriptions__kind=Kind.CHAPTER,
        subscriptions__instant=True,
        subscriptions__page__translation_key=chapter_key,
        subscriptions__confirmed_at__isnull=False,
    )
    subscribers = subscribers.exclude(sent_items__translation_key=event.translation_key).distinct()
    count = 0
    for subscriber in subscribers:
        page = _in_language(EventPage, [event.translation_key], subscriber.language).get(event.translation_key)
        if page is None:
            continue
        send(subscriber, "new_event", {"event": item("event", page, subscriber.language)})
        record_sent(subscriber, [("event", page)])
        count += 1
    return count


def notify_followup(event):
    """An event's recording and materials are online: one message to each follower of its chapter who did
    not register (registrants get theirs from events/followup.py). Sent once: the events app fires its
    signal once per event."""
    chapter = event.chapter or ChapterPage.objects.ancestor_of(event).first()
    if chapter is None:
        return 0
    registered = Registration.objects.filter(event__translation_key=event.translation_key).exclude(email=None)
    count = 0
    for subscriber in chapter_followers(chapter).exclude(email__in=registered.values("email")):
        page = _in_language(EventPage, [event.translation_key], subscriber.language).get(event.translation_key)
        if page is None:
            continue
        send(subscriber, "followup", {"event": item("event", page, subscriber.language)})
        count += 1
    return count
