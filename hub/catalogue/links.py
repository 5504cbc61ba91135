"""Where a method or theme record is described: `entry_url(record, locale)`, for paper pages,
search facets and map filters that name a record and should link to its page.

The URLs of every live public method and theme page are read in one query and kept for the rest
of the request (hub.base.memo), so a page naming ten methods and five themes costs one query.
"""

from django.db.models import Case, F, OuterRef, Q, Subquery, When

from wagtail.models import Page

from hub.base.i18n import in_locale_or_source
from hub.base.memo import active_locale, default_locale, memoised, public

KINDS = ("method", "theme")


def entry_urls(locale):
    """{(kind, record translation_key): page URL} of the live public method and theme pages in
    `locale`, else in their source language."""

    def read():
        pages = (
            in_locale_or_source(public(Page.objects.live()), locale)
            .filter(Q(methodpage__isnull=False) | Q(themepage__isnull=False))
            .annotate(
                method_key=F("methodpage__method__translation_key"), theme_key=F("themepage__theme__translation_key")
            )
            .only("id", "url_path", "path", "depth", "locale_id")
            .order_by("path")
        )
        urls = {}
        for page in pages:
            kind = "method" if page.method_key else "theme"
            key = (kind, page.method_key or page.theme_key)
            # A page in the locale wins over a source-language page of the same record.
            if key not in urls or page.locale_id == locale.pk:
                urls[key] = page.url
        return urls

    return memoised(("catalogue_entry_urls", locale.pk), read)


def entry_url(record, locale=None):
    """The URL of the page describing `record` (a hub.Method or hub.Theme), or None."""
    if record is None or record._meta.model_name not in KINDS:
        return None
    return entry_urls(locale or active_locale()).get((record._meta.model_name, record.translation_key))


def with_entry_urls(records, locale=None):
    """[(record, URL or None)] for a queryset of methods or themes, records and URLs in one query
    (a paper page lists its methods and themes this way within its query budget)."""
    from hub.catalogue.models import MethodPage, ThemePage

    if not hasattr(records, "annotate"):  # a preview's in-memory relation
        return [(record, entry_url(record, locale)) for record in records]
    kind = records.model._meta.model_name
    page_model = {"method": MethodPage, "theme": ThemePage}.get(kind)
    if page_model is None:
        return [(record, None) for record in records]
    locale = locale or active_locale()
    pages = (
        public(page_model.objects.live())
        .filter(
            alias_of__isnull=True,
            locale_id__in={locale.pk, default_locale().pk},
            **{f"{kind}__translation_key": OuterRef("translation_key")},
        )
        .annotate(preferred=Case(When(locale_id=locale.pk, then=0), default=1))
        .order_by("preferred", "path")
    )
    rows = records.annotate(entry_url_path=Subquery(pages.values("url_path")[:1]))
    # Wagtail makes a page's URL from its url_path and the cached site root paths alone.
    return [(record, Page(url_path=record.entry_url_path).url if record.entry_url_path else None) for record in rows]
