"""Where a method or theme record is described: `entry_url(record, locale)`, for paper pages,
search facets and map filters that name a record and should link to its page.

The URLs of every live public page of a kind are read in one query and kept for the rest of
the request (hub.base.memo), so a page naming ten methods costs one query, not ten.
"""

from hub.base.i18n import in_locale_or_source
from hub.base.memo import active_locale, memoised, public


def _page_model(record):
    from hub.catalogue.models import MethodPage, ThemePage

    return {"method": MethodPage, "theme": ThemePage}.get(record._meta.model_name)


def entry_urls(model, locale):
    """{record translation_key: page URL} for the live public pages of `model` in `locale` (else source)."""

    def read():
        pages = (
            in_locale_or_source(public(model.objects.live()), locale)
            .select_related(model.record_field)
            .only("id", "url_path", "path", "depth", "locale_id", f"{model.record_field}__translation_key")
            .order_by("path")
        )
        urls = {}
        for page in pages:
            key = page.record.translation_key
            # A page in the locale wins over a source-language page of the same record.
            if key not in urls or page.locale_id == locale.pk:
                urls[key] = page.url
        return urls

    return memoised(("catalogue_entry_urls", model.__name__, locale.pk), read)


def entry_url(record, locale=None):
    """The URL of the page describing `record` (a hub.Method or hub.Theme), or None."""
    model = _page_model(record)
    if model is None or record is None:
        return None
    return entry_urls(model, locale or active_locale()).get(record.translation_key)
