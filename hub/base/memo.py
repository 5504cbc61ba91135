"""Request-scoped memos of the reads every public page repeats.

The hub's own code asks for the restricted pages (the page cache hook, and every listing that
Wagtail's `.public()` would filter) and for the active, default or a page's `Locale` (templates,
listings) in several places; in Wagtail each of those is a query. Within one visitor's GET
request the answers cannot change, so `RequestMemoMiddleware` opens a memo for the request and
the hub's code reads through the functions below: `public(queryset)` instead of
`queryset.public()`, `active_locale()` / `default_locale()` instead of `Locale.get_active()` /
`Locale.get_default()`, `page_locale(page)` instead of `page.locale`. Outside such a request
(admin, management commands, POSTs, tests without a request) each read is a query, as in
Wagtail. Wagtail's own methods are not replaced (hub/base/patches.py says why), so the reads
Wagtail makes itself while routing and serving (the site, the active locale in
`route_for_request`, `get_view_restrictions` in its `check_view_restrictions` hook) stay queries.
"""

import contextvars

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
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


def private_q():
    """Wagtail's `PageQuerySet.private_q()` (pages in a restricted section), built from
    `restricted_pages()`: once per request instead of once per listing."""
    q = Q()
    for path, depth in restricted_pages():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def public(pages):
    """`pages.public()`: the pages of a page queryset outside every restricted section."""
    return pages.exclude(private_q())


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


def page_locale(page):
    """`page.locale`, without a query when the request's memo holds it."""
    return locale_by_id(page.locale_id)


def locale_for_language(language_code):
    """`Locale.objects.get_for_language(language_code)`, from the request's memo when there is one
    (LookupError or Locale.DoesNotExist as Wagtail's when the language has no locale)."""
    if _memo.get() is None:
        return Locale.objects.get_for_language(language_code)
    found = locales()[1].get(get_supported_content_language_variant(language_code))
    return found if found is not None else Locale.objects.get_for_language(language_code)


def default_locale():
    """`Locale.get_default()`: the locale of settings.LANGUAGE_CODE."""
    return locale_for_language(settings.LANGUAGE_CODE)


def active_locale():
    """`Locale.get_active()`: the locale of the active language, else the default one."""
    try:
        return locale_for_language(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()
