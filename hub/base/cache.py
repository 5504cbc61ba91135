"""Full-page cache for anonymous visitors.

Why a middleware and not `{% wagtailpagecache %}` fragments: a fragment cache still routes
the page, checks its restrictions and runs the rest of the template (menu, language switcher,
listings), so a cached page would still make most of its queries and keep a worker busy for
tens of milliseconds; the middleware answers a repeat visit before the session, locale and
Wagtail run at all, which is what lets a page approach a static file's throughput.

What is cached: GET responses with status 200 to a request that carries no session cookie
(so no signed-in editor, and no visitor who unlocked a password-protected page), outside the
admin and documents, whose response sets no cookie (CSRF forms, messages), is not marked
private, no-cache or no-store (search results with a query are never-cache) and whose page has
no view restriction. The key is the host, the path with its query string and the language the
request resolves to (the URL prefix, or Accept-Language and the language cookie for the few
unprefixed URLs, whose responses say `Vary: Accept-Language`). HEAD is answered from a cached GET.

Invalidation: every key holds a generation number, bumped by any publish, unpublish, move or
deletion of a page, a change of view restrictions, sites or locales, and any save or deletion
of the hub's other records (taxonomy, people, glossary variants...). Glossary linking makes
any page depend on the glossary, and listings depend on everything, so nothing finer would
stay correct. Entries also expire after HUB_PAGE_CACHE_SECONDS, which bounds how long a page
that depends on the clock (upcoming events) or a per-process cache in another worker
(the local-memory default; set REDIS_URL in production to share one) can lag.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_request

GENERATION_KEY = "hub:pagecache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/")
NOT_STORED_CACHE_CONTROL = {"private", "no-cache", "no-store"}


def _cache():
    return caches[getattr(settings, "HUB_PAGE_CACHE_ALIAS", "default")]


def _timeout():
    """Seconds a page stays cached; 0 turns the page cache off (the test settings do)."""
    return getattr(settings, "HUB_PAGE_CACHE_SECONDS", 300)


def generation():
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh start (or an evicted key) takes a new number, never one an older entry may hold.
        value = time.time_ns()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def invalidate_all():
    """Make every cached page stale; cheap, whatever the number of pages."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_now_and_on_commit():
    # Now, so this request and tests see it; after commit, so a page rendered by another
    # request from the old data between the two is not kept.
    invalidate_all()
    transaction.on_commit(invalidate_all)


def cache_key(request):
    language = get_language_from_request(request, check_path=True)
    raw = f"{request.get_host()}|{request.get_full_path()}|{language}"
    return f"hub:page:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def request_is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(EXCLUDED_PREFIXES)
    )


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or getattr(request, "_hub_no_page_cache", False):
        return False
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & NOT_STORED_CACHE_CONTROL


def never_cache_page(request):
    """Keep this request's response out of the page cache (a restricted page, for example)."""
    request._hub_no_page_cache = True


class PageCacheMiddleware:
    """Answers anonymous repeat visits from the cache; sets X-Cache: hit, miss or skip."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _timeout() or not request_is_cacheable(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = _cache().get(key)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            response["X-Cache"] = "miss"
            _cache().set(key, response, _timeout())
        else:
            response["X-Cache"] = "skip"
        return response
