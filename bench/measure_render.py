"""Server time, SQL queries and first-visit weight of each kind of page, for an anonymous visitor."""

import gzip
import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client, override_settings

from bench import config, corpus
from bench.stats import count_queries, percentile

STYLESHEET = re.compile(r"<link\b[^>]*\brel=[\"']?stylesheet[^>]*>", re.IGNORECASE)
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)
SLOW_S = 1.0
HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)


def targets():
    """{name: url} of the pages measured: each content type, home, search, the index pages."""
    pages = corpus.sample_pages()
    urls = {name: page.url for name, page in pages.items()}
    urls["search"] = "/en/search/?q=community&type=paper&theme=local-governance"
    return urls


def assets(html):
    """Stylesheets and scripts a browser fetches for this HTML (images are content, left out)."""
    found = [HREF.search(tag).group(1) for tag in STYLESHEET.findall(html) if HREF.search(tag)]
    found += SCRIPT.findall(html)
    return [url for url in dict.fromkeys(found) if urlsplit(url).netloc in ("", "testserver")]


def transfer_size(client, url, cache):
    """Bytes on the wire for a static file, as WhiteNoise sends it to a browser accepting gzip."""
    if url not in cache:
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if response.get("Content-Encoding") != "gzip":
            body = gzip.compress(body, compresslevel=6)
        cache[url] = len(body)
    return cache[url]


def run(log=print):
    # The render step measures the work of rendering, so the page cache (hub/base/cache.py) is off;
    # `cached_p50_ms` is what a repeat anonymous visit costs with it on.
    with override_settings(HUB_PAGE_CACHE_SECONDS=0):
        results = _run(log)
    client = Client()
    with override_settings(HUB_PAGE_CACHE_SECONDS=300):
        for name, url in targets().items():
            if client.get(url).get("X-Cache") != "miss":
                results[name]["cached_p50_ms"] = None  # never stored (search results with a query)
                continue
            times = []
            for _ in range(config.RENDER_REQUESTS):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            results[name]["cached_p50_ms"] = round(percentile(times, 50), 2)
    return results


def _run(log):
    client = Client()
    results, sizes = {}, {}
    for name, url in targets().items():
        started = time.perf_counter()
        response = client.get(url)
        first = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{name}: {url} answered {response.status_code}")
        _response, queries = count_queries(client.get, url)
        # A page that takes seconds is measured fewer times, so the run stays bounded.
        requests = config.RENDER_REQUESTS if first < SLOW_S else max(3, min(config.RENDER_REQUESTS, int(30 / first)))
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        html = response.content
        linked = assets(html.decode())
        weight = len(gzip.compress(html, compresslevel=6)) + sum(transfer_size(client, a, sizes) for a in linked)
        results[name] = {
            "p50_ms": round(percentile(times, 50), 1),
            "queries": queries,
            "weight_kb": round(weight / 1024, 1),
            "html_kb": round(len(html) / 1024, 1),
            "requests": requests,
            "url": url,
        }
        log(f"  {name:16} {results[name]['p50_ms']:7.1f} ms  {queries:3} queries  {results[name]['weight_kb']} KB")
    results["_assets"] = {url: round(size / 1024, 1) for url, size in sizes.items()}
    results["_note"] = (
        f"median of {config.RENDER_REQUESTS} requests (fewer, at least 3, for a page over {SLOW_S:g} s) "
        "after one warm-up, Django test client, anonymous; "
        f"weight = HTML gzip -6 + linked CSS/JS as WhiteNoise sends them gzipped (STATIC_ROOT {settings.STATIC_ROOT})"
    )
    return results
