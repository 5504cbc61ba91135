"""What a subscriber follows that is new, the weekly digest, and the "as it happens" event notices."""

import datetime

from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.text import Truncator

from wagtail.models import Page

from events.models import EventPage, Registration
from hub.base.mail import site_url
from members.models import ChapterPage
from resources.models import PaperPage

from ..models import SentItem, Subscriber, Subscription
from .links import send

Kind = Subscription.Kind
DIGEST_INTERVAL = datetime.timedelta(days=7)
# run_periodic runs hourly: a digest due within the hour goes now, so the weekly rhythm does not drift.
DIGEST_SLACK = datetime.timedelta(hours=1)
DIGEST_MAX_ITEMS = 40


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
            key = subscription.method.translation_key
            papers.append(Q(methods__translation_key=key))
            events.append(Q(methods__translation_key=key))
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
