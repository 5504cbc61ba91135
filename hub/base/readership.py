"""Who reads it: page views and document downloads, counted privately.

What counts: a GET answered 200 with HTML of a live page of the hub (any `BasePage`, the page
itself, not its file routes such as cite.bib), outside every view restriction, whether the page
cache (hub/base/cache.py) answered it or the page was rendered; and a GET of a document that
Wagtail's serve view sends (its `document_served` signal, so a document under a collection
restriction is counted only once unlocked). Not counted: HEAD, previews, the admin, other
statuses (404, 304, a 206 range), prefetches, signed-in users (the hub's accounts are its
editors and moderators, whose own visits would inflate their figures), and known bots and
crawlers (the `crawlerdetect` package's list, a port of the maintained CrawlerDetect patterns;
a request with no User-Agent counts as a bot too).

Privacy: no cookie, no script. One client's repeat of the same page or document within
`REPEAT_SECONDS` counts once: the client is recognised by a hash of a random salt, its address,
its User-Agent and the page, kept only as a cache key that expires after those 30 minutes. The
salt is made per day, lives only in the cache, and is never written to the database, so
yesterday's hashes cannot be recomputed. The database holds numbers per page (or document) per
day, nothing else.

Speed: the request never touches the database. A counted hit increments a counter in the cache
(`_increment`); `flush_counts()` (`manage.py flush_counts`, run periodically) moves the
counters into `PageDailyCount` and `DocumentDailyCount`. With a per-process cache (the
local-memory default) another process cannot see a worker's counters, so each worker flushes
its own in a background thread every `HUB_READERSHIP_FLUSH_SECONDS`; with a shared cache
(REDIS_URL) the command does it. Any failure while counting is logged and the page is served.
"""

import hashlib
import logging
import secrets
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, connections, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from crawlerdetect import CrawlerDetect

from hub.base.memo import restricted_pages

logger = logging.getLogger(__name__)

PREFIX = "hub:readership"
REPEAT_SECONDS = 30 * 60
# Counters wait at most this many days in the cache for a flush; older ones are dropped.
BUFFER_DAYS = 7
BUFFER_SECONDS = (BUFFER_DAYS + 1) * 24 * 3600
FLUSH_LOCK_SECONDS = 5 * 60
VIEW, DOWNLOAD = "view", "download"
COUNTED_DOCUMENT_STATUSES = (200, 302)  # 302: a storage that serves documents by redirect

_crawlers = CrawlerDetect()  # one instance: it keeps an LRU cache of the agents it has seen


def _cache():
    return caches[getattr(settings, "HUB_READERSHIP_CACHE_ALIAS", "default")]


def today():
    return timezone.now().date()


# --- Marking what a response is -----------------------------------------------------


def mark_page_view(request, response, page):
    """Called by `BasePage.serve`: the response is this page's, and may be counted.

    The mark is an attribute of the response, so it is stored with it in the page cache and a
    cached hit carries it too.
    """
    if getattr(request, "is_preview", False):
        return
    if any(page.path.startswith(path) and page.depth >= depth for path, depth in restricted_pages()):
        return
    response.hub_readership = (VIEW, page.pk)


def mark_document_download(sender, instance, request, **kwargs):
    """`document_served` receiver: Wagtail's serve view is sending this document."""
    request.hub_readership = (DOWNLOAD, instance.pk)


# --- Deciding whether a hit counts --------------------------------------------------


def is_bot(user_agent):
    return not user_agent.strip() or _crawlers.is_crawler(user_agent)


def client_address(request):
    """The visitor's address, from `HUB_READERSHIP_IP_HEADER` (REMOTE_ADDR; behind a proxy, the
    header it sets, such as HTTP_X_FORWARDED_FOR, whose first address is the client's)."""
    header = getattr(settings, "HUB_READERSHIP_IP_HEADER", "REMOTE_ADDR")
    return request.META.get(header, "").split(",")[0].strip()


def countable(request, response):
    """What this response counts as, (kind, pk), or None."""
    if request.method != "GET" or request.path_info.startswith("/admin/"):
        return None
    mark = getattr(response, "hub_readership", None)
    if mark is not None:
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            return None
    else:
        mark = getattr(request, "hub_readership", None)
        if mark is None or response.status_code not in COUNTED_DOCUMENT_STATUSES:
            return None
    if "prefetch" in request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", ""):
        return None
    user = getattr(request, "user", None)  # unset on a page-cache hit: no session, so anonymous
    if user is not None and user.is_authenticated:
        return None
    if is_bot(request.headers.get("User-Agent", "")):
        return None
    return mark


def _salt(day):
    """Today's random salt: in the cache only, replaced each day, never stored elsewhere."""
    cache = _cache()
    key = f"{PREFIX}:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(16), timeout=2 * 24 * 3600)
        salt = cache.get(key)
    return salt


def first_in_window(request, day, kind, pk):
    """True the first time in `REPEAT_SECONDS` that this client asks for this page or document."""
    salt = _salt(day)
    if salt is None:  # the shared cache is unreachable (hub/base/cache_backends.py): nothing can be counted
        return False
    raw = "|".join((salt, client_address(request), request.headers.get("User-Agent", ""), kind, str(pk)))
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return _cache().add(f"{PREFIX}:seen:{digest}", 1, timeout=REPEAT_SECONDS)


# --- The buffer in the cache ----------------------------------------------------------
# One counter per (day, kind, pk). The cache cannot list its keys, so each day also keeps
# numbered slots naming its counters: the flush reads the slots, then the counters.


def _counter_key(day, name):
    return f"{PREFIX}:n:{day.isoformat()}:{name}"


def _slots_key(day):
    return f"{PREFIX}:slots:{day.isoformat()}"


def _slot_key(day, number):
    return f"{PREFIX}:slot:{day.isoformat()}:{number}"


def _incr(cache, key, delta=1):
    try:
        return cache.incr(key, delta)
    except ValueError:  # missing or evicted
        if cache.add(key, delta, timeout=BUFFER_SECONDS):
            return delta
        return cache.incr(key, delta)


def _increment(day, kind, pk):
    cache = _cache()
    name = f"{kind}:{pk}"
    key = _counter_key(day, name)
    if cache.add(key, 0, timeout=BUFFER_SECONDS):
        # The first hit of this page on this day since the counter was created: give it a slot.
        cache.set(_slot_key(day, _incr(cache, _slots_key(day))), name, timeout=BUFFER_SECONDS)
    _incr(cache, key)


def record_hit(request, response):
    """Count this response if it is a view or download to count; never raises."""
    try:
        mark = countable(request, response)
        if mark is None:
            return False
        day = today()
        if not first_in_window(request, day, *mark):
            return False
        _increment(day, *mark)
        return True
    except Exception:
        logger.exception("Could not count a view of %s", request.path_info)
        return False


def pending_counts(day):
    """{(kind, pk): count} waiting in the cache for `day` (tests and the flush read it)."""
    cache = _cache()
    slots = cache.get(_slots_key(day)) or 0
    names = set(cache.get_many([_slot_key(day, number) for number in range(1, slots + 1)]).values())
    counts = cache.get_many([_counter_key(day, name) for name in names])
    pending = {}
    for name in names:
        value = counts.get(_counter_key(day, name)) or 0
        if value > 0:
            kind, pk = name.split(":")
            pending[(kind, int(pk))] = value
    return pending


# --- Reading the figures ----------------------------------------------------------------
RECENT_DAYS = 30


def recent_since(day=None):
    """The first day of the last RECENT_DAYS days, today included."""
    return (day or today()) - timedelta(days=RECENT_DAYS - 1)


def _figures(queryset, key, field, since):
    rows = queryset.values(key).annotate(recent=Sum(field, filter=Q(day__gte=since)), total=Sum(field))
    return {row[key]: (row["recent"] or 0, row["total"] or 0) for row in rows}


def page_views(pages, since=None):
    """{page pk: (views since `since`, views in all)} for `pages` (pks or a queryset of pages); one query."""
    from hub.base.models import PageDailyCount

    counts = PageDailyCount.objects.filter(page__in=pages)
    return _figures(counts, "page_id", "views", since or recent_since())


def document_downloads(documents, since=None):
    """{document pk: (downloads since `since`, downloads in all)}; one query."""
    from hub.base.models import DocumentDailyCount

    counts = DocumentDailyCount.objects.filter(document__in=documents)
    return _figures(counts, "document_id", "downloads", since or recent_since())


def total_downloads(documents):
    """All-time downloads of these documents together; one query."""
    from hub.base.models import DocumentDailyCount

    return DocumentDailyCount.objects.filter(document__in=documents).aggregate(n=Sum("downloads"))["n"] or 0


# --- Flushing into the database --------------------------------------------------------


def _add_to_database(day, kind, pk, value):
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    from hub.base.models import DocumentDailyCount, PageDailyCount

    if kind == VIEW:
        model, target, field, owner = PageDailyCount, "page_id", "views", Page
    else:
        model, target, field, owner = DocumentDailyCount, "document_id", "downloads", get_document_model()
    with transaction.atomic():
        if model.objects.filter(**{target: pk, "day": day}).update(**{field: F(field) + value}):
            return
        if not owner.objects.filter(pk=pk).exists():
            return  # deleted since: its counts went with it
        try:
            with transaction.atomic():
                model.objects.create(**{target: pk, "day": day, field: value})
        except IntegrityError:  # another flush created the row first
            model.objects.filter(**{target: pk, "day": day}).update(**{field: F(field) + value})


def flush_counts():
    """Move the counters from the cache into the database; returns the number of hits moved,
    or None when another flush holds the lock. Safe to run at any time, as often as wanted:
    each counter is taken (decremented by what was read) before it is written, so a second or
    concurrent run finds nothing to add twice."""
    cache = _cache()
    lock = f"{PREFIX}:flush-lock"
    token = uuid.uuid4().hex
    if not cache.add(lock, token, timeout=FLUSH_LOCK_SECONDS):
        return None
    moved = 0
    try:
        for back in range(BUFFER_DAYS - 1, -1, -1):
            day = today() - timedelta(days=back)
            for (kind, pk), value in pending_counts(day).items():
                key = _counter_key(day, f"{kind}:{pk}")
                try:
                    cache.decr(key, value)
                except ValueError:  # expired or evicted since it was read
                    continue
                try:
                    _add_to_database(day, kind, pk, value)
                except Exception:
                    _incr(cache, key, value)  # give it back to the next flush
                    raise
                moved += value
    finally:
        if cache.get(lock) == token:
            cache.delete(lock)
    return moved


def _flushes_in_process():
    seconds = getattr(settings, "HUB_READERSHIP_FLUSH_SECONDS", 60)
    return seconds and isinstance(_cache(), LocMemCache), seconds


def _flush_in_background():
    try:
        flush_counts()
    except Exception:
        logger.exception("Could not flush the readership counts")
    finally:
        connections.close_all()


def maybe_flush_in_process():
    """With a per-process cache, this worker flushes its own counters now and then, off the request."""
    enabled, seconds = _flushes_in_process()
    if enabled and _cache().add(f"{PREFIX}:flushed-recently", 1, timeout=seconds):
        threading.Thread(target=_flush_in_background, name="readership-flush", daemon=True).start()


class ReadershipMiddleware:
    """Counts views and downloads; placed before the page cache so that cached hits are counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if record_hit(request, response):
            try:
                maybe_flush_in_process()
            except Exception:
                logger.exception("Could not start a readership flush")
        return response
