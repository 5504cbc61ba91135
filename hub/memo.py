"""Request-scoped memos of the reads every public page repeats.

A page asks for the view restrictions each time it filters pages with `.public()` (menu,
breadcrumbs, listings, related pages) and for the active or default `Locale` in several
places; each of those is a query in Wagtail. Within one visitor's GET request the answers
cannot change, so `RequestMemoMiddleware` opens a memo for the request and the Wagtail
methods replaced in hub/patches.py read through it. Outside such a request (admin,
management commands, POSTs, tests without a request) they behave exactly as Wagtail's own.
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


def memo_open():
    """Whether a memo is open: inside a public GET request that RequestMemoMiddleware handles."""
    return _memo.get() is not None


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
