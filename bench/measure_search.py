"""The hub's faceted search against plain Wagtail search, on the same queries."""

import random
import time
from contextlib import contextmanager

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from modelsearch.query import MATCH_ALL
from wagtail.models import Locale, Page

from bench import config, corpus, vocabulary
from bench.stats import count_queries, percentile
from hub.base.memo import RequestMemoMiddleware, active_locale

SLOW_S = 1.0
_REQUEST = RequestFactory().get("/search/")
# hub/base/migrations/0003: the PostgreSQL GIN index over the search entries' title || body.
GIN_INDEX = "hub_search_title_body_gin"


def query_mix():
    """30 searches a visitor might make: [(label, querystring)], the same on every run."""
    from hub.base.models import Method, Theme
    from members.models import MemberPage

    rng = random.Random(config.SEED)
    content = [w for w in vocabulary.EN if w not in corpus.STOP and len(w) > 3]
    common, middle, rare = content[:20], content[100:600], content[1500:]
    en = Locale.objects.get(language_code="en")
    values = {
        "type": ["paper", "event", "term", "member", "chapter"],
        "theme": sorted(Theme.objects.filter(locale=en).values_list("slug", flat=True)),
        "method": sorted(Method.objects.filter(locale=en).values_list("slug", flat=True)),
        "sdg": [str(n) for n in range(1, 18)],
        "country": corpus.COUNTRIES,
        "year": [str(y) for y in range(2014, 2027)],
        "lang": ["en", "fr", "es", "pt"],
        "member": sorted(MemberPage.objects.filter(locale=en).values_list("slug", flat=True)),
    }
    surnames = corpus.SURNAMES
    kinds = ["common"] * 8 + ["rare"] * 5 + ["two words"] * 8 + ["three words"] * 2 + ["name"] * 2 + ["browse"] * 5
    mix = []
    for n, kind in enumerate(kinds):
        query = {
            "common": lambda: rng.choice(common),
            "rare": lambda: rng.choice(rare),
            "two words": lambda: f"{rng.choice(common)} {rng.choice(middle)}",
            "three words": lambda: " ".join(rng.sample(middle, 3)),
            "name": lambda: rng.choice(surnames),
            "browse": lambda: "",
        }[kind]()
        data = QueryDict(mutable=True)
        if query:
            data["q"] = query
        # 0 to 3 facets in turn; now and then two values of one facet (OR within a facet).
        facets = rng.sample([f for f in values if f != "type"] + ["type", "type"], n % 4)
        for facet in dict.fromkeys(facets):
            data.setlist(facet, rng.sample(values[facet], 2 if rng.random() < 0.2 else 1))
        mix.append((kind, data))
    return mix


def hub_search(data):
    """What search.views._run does for a request, less the hit logging and the HTML: in the request
    memo (hub.base.memo) that every visitor's GET runs in, so the locales are read once, as there."""
    return RequestMemoMiddleware(lambda _request: _hub_search(data))(_REQUEST)


def _hub_search(data):
    from search.engine import faceted_search
    from search.params import SearchParams
    from search.views import PER_PAGE, _facet_lists

    params = SearchParams.from_querydict(data)
    locale = active_locale()
    search = faceted_search(params, locale, page_size=PER_PAGE)
    page = Paginator(search.results, PER_PAGE).get_page(params.page)
    documents = list(page.object_list)
    counts = search.facet_counts()
    # The facet lists as the page shows them: the top values and the selected ones, labelled.
    _facet_lists(params, counts, search.truncated, locale)
    return search.count(), documents


def hub_search_uncached(data):
    """The hub's search with the engine counting the facets afresh: its shard request cache, which
    answers a repeated search's counts until the index changes, neither read nor filled. The
    benchmark repeats the same 30 searches, so the cached side measures the counts of a search
    someone made before (the browse page, a common word), this side those of a new one."""
    from search.engine.searchengine import EngineFacetedSearch

    EngineFacetedSearch.REQUEST_CACHE = False
    try:
        return hub_search(data)
    finally:
        EngineFacetedSearch.REQUEST_CACHE = True


def baseline_search(data):
    """Plain Wagtail search over live pages; an empty query lists the first ten, as browsing would."""
    return list(Page.objects.live().search(data.get("q") or MATCH_ALL)[:10])


@contextmanager
def without_gin_index(log=print):
    """On PostgreSQL, drop the GIN index of hub/base/migrations/0003 for the duration, then recreate it."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [GIN_INDEX])
        row = cursor.fetchone()
    if row is None:
        log(f"  {GIN_INDEX} does not exist: measuring without it")
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX "{GIN_INDEX}"')
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(row[0])
        log(f"  {GIN_INDEX} recreated in {time.perf_counter() - started:.1f} s")


def has_gin_index():
    """True or False on PostgreSQL, None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [GIN_INDEX])
        return cursor.fetchone() is not None


@contextmanager
def time_limit(seconds):
    """Stop database work past `seconds`, so one pathological search cannot stall the benchmark."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.perf_counter() + seconds
        raw = connection.connection
        raw.set_progress_handler(lambda: time.perf_counter() > deadline, 10000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
    else:
        yield


def _timed(function, data):
    """(milliseconds, timed out, CPU milliseconds of this process) for one call; a call stopped by
    the time limit counts as the limit. On SQLite the database works in this process, so the CPU
    time is what the search costs on a quiet machine, whatever else the shared cores are doing."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with time_limit(config.SEARCH_TIME_LIMIT):
            function(data)
    except DatabaseError:
        return config.SEARCH_TIME_LIMIT * 1000, True, (time.process_time() - cpu) * 1000
    return (time.perf_counter() - started) * 1000, False, (time.process_time() - cpu) * 1000


def _bound(hub_p95, baseline_p95):
    """ "exact", or whether the true ratio may be higher ("lower bound") or lower ("upper bound")."""
    limit = config.SEARCH_TIME_LIMIT * 1000
    hub_censored, baseline_censored = hub_p95 >= limit, baseline_p95 >= limit
    if hub_censored and baseline_censored:
        return "unknown"
    if hub_censored:
        return "lower bound"
    if baseline_censored:
        return "upper bound"
    return "exact"


def run(log=print):
    mix = query_mix()
    from search.engine import uses_engine

    sides = {"hub": hub_search, "baseline": baseline_search}
    if uses_engine():
        sides["hub_uncached"] = hub_search_uncached
    samples = {side: [[] for _ in mix] for side in sides}
    first = {side: [0.0] * len(mix) for side in sides}
    cpu = {side: [[] for _ in mix] for side in sides}
    first_cpu = {side: [0.0] * len(mix) for side in sides}
    timed_out = {side: [False] * len(mix) for side in sides}
    queries, results = [], []
    with translation.override("en"):
        # Warm-up (caches, the OS page cache). A search that takes over SLOW_S here is not repeated:
        # its warm-up time stands for every repetition (the time limit, if it hit that).
        for n, (_kind, data) in enumerate(mix):
            for side, function in sides.items():
                first[side][n], timed_out[side][n], first_cpu[side][n] = _timed(function, data)
        for n, (_kind, data) in enumerate(mix):
            if timed_out["hub"][n]:
                queries.append(None)
                results.append(None)
                continue
            try:
                with time_limit(config.SEARCH_TIME_LIMIT):
                    (count, _documents), sql = count_queries(hub_search, data)
            except DatabaseError:  # just under the limit in the warm-up, over it now
                timed_out["hub"][n] = True
                first["hub"][n] = config.SEARCH_TIME_LIMIT * 1000
                count = sql = None
            queries.append(sql)
            results.append(count)
        for repetition in range(config.SEARCH_REPEAT):
            for n, (_kind, data) in enumerate(mix):
                # Rotate which goes first, so none always finds another's pages in cache.
                turn = (n + repetition) % len(sides)
                order = list(sides.items())[turn:] + list(sides.items())[:turn]
                for side, function in order:
                    if first[side][n] > SLOW_S * 1000:
                        samples[side][n].append(first[side][n])
                        cpu[side][n].append(first_cpu[side][n])
                    else:
                        milliseconds, _stopped, cpu_milliseconds = _timed(function, data)
                        samples[side][n].append(milliseconds)
                        cpu[side][n].append(cpu_milliseconds)
    hub_all = [t for runs in samples["hub"] for t in runs]
    baseline_all = [t for runs in samples["baseline"] for t in runs]
    uncached_all = [t for runs in samples.get("hub_uncached", []) for t in runs]
    counted = [q for q in queries if q is not None]
    figures = {
        "hub_p50_ms": round(percentile(hub_all, 50), 1),
        "hub_p95_ms": round(percentile(hub_all, 95), 1),
        "baseline_p50_ms": round(percentile(baseline_all, 50), 1),
        "baseline_p95_ms": round(percentile(baseline_all, 95), 1),
        "ratio_p95": round(percentile(hub_all, 95) / percentile(baseline_all, 95), 2),
        # A p95 at the time limit is only a lower bound, and so is a ratio over it.
        "ratio_p95_bound": _bound(percentile(hub_all, 95), percentile(baseline_all, 95)),
        "queries_per_request": max(counted) if counted else None,
        **{
            f"{side}_cpu_p{p}_ms": round(percentile([t for runs in cpu[side] for t in runs], p), 1)
            for side in sides
            for p in (50, 95)
        },
        **(
            {
                "hub_uncached_p50_ms": round(percentile(uncached_all, 50), 1),
                "hub_uncached_p95_ms": round(percentile(uncached_all, 95), 1),
                "ratio_p95_uncached": round(percentile(uncached_all, 95) / percentile(baseline_all, 95), 2),
            }
            if "hub_uncached" in sides
            else {}
        ),
        "queries_per_request_min": min(counted) if counted else None,
        "gin_index": has_gin_index(),
        "searches": len(mix),
        "repetitions": config.SEARCH_REPEAT,
        "time_limit_ms": config.SEARCH_TIME_LIMIT * 1000,
        "timed_out": {side: sum(flags) for side, flags in timed_out.items()},
        "measured_once": {side: sum(t > SLOW_S * 1000 for t in times) for side, times in first.items()},
        "per_query": [
            {
                "kind": kind,
                "query": data.urlencode(),
                "results": results[n],
                "sql_queries": queries[n],
                "hub_p50_ms": round(percentile(samples["hub"][n], 50), 1),
                "baseline_p50_ms": round(percentile(samples["baseline"][n], 50), 1),
                **(
                    {"hub_uncached_p50_ms": round(percentile(samples["hub_uncached"][n], 50), 1)}
                    if "hub_uncached" in sides
                    else {}
                ),
                **({"hub_timed_out": True} if timed_out["hub"][n] else {}),
                **({"baseline_timed_out": True} if timed_out["baseline"][n] else {}),
            }
            for n, (kind, data) in enumerate(mix)
        ],
    }
    if any(figures["measured_once"].values()):
        figures["note"] = (
            f"searches over {SLOW_S:g} s in the warm-up were measured once; those stopped at the "
            f"{config.SEARCH_TIME_LIMIT:g} s limit count as {config.SEARCH_TIME_LIMIT:g} s, so percentiles "
            "that reach it are lower bounds"
        )
    log(
        f"  hub p50 {figures['hub_p50_ms']} ms, p95 {figures['hub_p95_ms']} ms; plain p50 {figures['baseline_p50_ms']}"
        f" ms, p95 {figures['baseline_p95_ms']} ms; ratio {figures['ratio_p95']}; "
        f"stopped at the time limit: {figures['timed_out']}"
        + (
            f"; uncached counts: hub p95 {figures['hub_uncached_p95_ms']} ms, ratio {figures['ratio_p95_uncached']}"
            if "hub_uncached" in sides
            else ""
        )
    )
    return figures
