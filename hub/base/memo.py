"""Request-scoped memos of the reads every public page repeats.

The hub's own code asks for the restricted pages (hub/wagtail_hooks.py, to keep them out of
the page cache) and for a page's `Locale` (templates, listings) in several places. Within one
visitor's GET request the answers cannot change, so `RequestMemoMiddleware` opens a memo for
the request and those reads go through it. Outside such a request (admin, management
commands, POSTs, tests without a request) each read is a query. Wagtail's own methods are
not replaced: hub/base/patches.py says why.
"""

import contextvars

from wagtail.models import Locale, PageViewRestriction

_memo = contextvars.ContextVar("hub_request_memo", default=None)


def memoised(key, compute):
    """compute(), remembered for the rest of the current request when a memo is open."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def memo_applies(request):
    """Public reads only: the admin and previews write and must see their own writes."""
    return request.method in ("GET", "HEAD") and not request.path_info.startswith(("/admin/", "/documents/"))


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not memo_applies(request):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def restricted_pages():
    """The pages (path, depth) that carry a view restriction, read once per request."""
    return memoised(
        "restricted_pages",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
    )


def locales():
    """{pk: Locale} and {language code: Locale} of every locale, read once per request."""

    def read():
        every = list(Locale.objects.all())
        return {locale.pk: locale for locale in every}, {locale.language_code: locale for locale in every}

    return memoised("locales", read)


def locale_by_id(pk):
    """The Locale with this pk: from the request's memo when there is one, else a query."""
    if _memo.get() is None:
        return Locale.objects.get(pk=pk)
    return locales()[0].get(pk) or Locale.objects.get(pk=pk)
