"""What "Related" costs a page: the same pages rendered with and without the section, in one process.

The section is switched off by emptying `search.wagtail_hooks.SHOWN_ON` (its hook then contributes
nothing), and the two variants take turns request by request, so machine load weighs on both
alike. Figures per page type: SQL queries with and without, the median render time of each and
their ratio, and the median time of `related_pages` alone.
"""

import time
from unittest import mock

from django.test import Client, override_settings

from bench import config, corpus
from bench.stats import count_queries, percentile

TYPES = ("paper", "event", "term", "member", "chapter")


def run(log=print):
    with override_settings(HUB_PAGE_CACHE_SECONDS=0):
        return _run(log)


def _run(log):
    from search import wagtail_hooks
    from search.related import related_pages

    client = Client()
    pages = corpus.sample_pages()
    results = {}
    for name in TYPES:
        page, url = pages[name], pages[name].url
        client.get(url)
        _response, with_queries = count_queries(client.get, url)
        with mock.patch.object(wagtail_hooks, "SHOWN_ON", ()):
            client.get(url)
            _response, without_queries = count_queries(client.get, url)
        times = {"with": [], "without": []}
        for _ in range(config.RENDER_REQUESTS):
            for variant in ("with", "without"):
                shown = wagtail_hooks.SHOWN_ON if variant == "with" else ()
                with mock.patch.object(wagtail_hooks, "SHOWN_ON", shown):
                    started = time.perf_counter()
                    client.get(url)
                    times[variant].append((time.perf_counter() - started) * 1000)
        related_times, items = [], []
        for _ in range(config.RENDER_REQUESTS):
            started = time.perf_counter()
            items = related_pages(page)
            related_times.append((time.perf_counter() - started) * 1000)
        with_ms, without_ms = percentile(times["with"], 50), percentile(times["without"], 50)
        results[name] = {
            "queries_with": with_queries,
            "queries_without": without_queries,
            "extra_queries": with_queries - without_queries,
            "with_p50_ms": round(with_ms, 1),
            "without_p50_ms": round(without_ms, 1),
            "ratio": round(with_ms / without_ms, 3) if without_ms else None,
            "related_p50_ms": round(percentile(related_times, 50), 2),
            "items": len(items),
            "url": url,
        }
        figures = results[name]
        log(
            f"  {name:8} x{figures['ratio']}  {figures['with_p50_ms']} / {figures['without_p50_ms']} ms"
            f"  +{figures['extra_queries']} query  related_pages {figures['related_p50_ms']} ms  {len(items)} items"
        )
    results["_note"] = (
        f"median of {config.RENDER_REQUESTS} requests per variant, alternating with and without the section "
        "(search.wagtail_hooks.SHOWN_ON emptied), page cache off, Django test client, anonymous"
    )
    return results
