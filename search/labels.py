"""Human labels for facet values, in the visitor's language where a translation exists."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from django_countries import countries

from events.models import EventPage
from hub.base.memo import default_locale
from hub.base.models import SDG, Method, Theme
from hub.catalogue.models import ReadingListPage
from members.models import ChapterPage, MemberPage
from members.queries import live_public_q
from resources.models import PAPER_LANGUAGES, GlossaryTermPage, PaperPage

FACET_TITLES = {
    "type": _("Content type"),
    "theme": _("Theme"),
    "method": _("Method"),
    "sdg": _("Sustainable Development Goal"),
    "country": _("Country"),
    "year": _("Year"),
    "lang": _("Language"),
    "member": _("Member organisation"),
}

TYPE_LABELS = {
    "member": MemberPage._meta.verbose_name,
    "chapter": ChapterPage._meta.verbose_name,
    "term": GlossaryTermPage._meta.verbose_name,
    "paper": PaperPage._meta.verbose_name,
    "event": EventPage._meta.verbose_name,
    # A method's or theme's page is, to a visitor, the method or theme itself.
    "method": Method._meta.verbose_name,
    "theme": Theme._meta.verbose_name,
    "collection": ReadingListPage._meta.verbose_name,
}


def _rows(facet, queryset, key, label):
    """(facet, key, label, locale_id) of `queryset`'s records, a part of the UNION in `_taxonomy_labels`."""
    return (
        queryset.order_by()
        .annotate(
            label_facet=Value(facet, CharField()),
            label_key=Cast(key, CharField()),
            label_text=F(label),
            label_locale=F("locale_id"),
        )
        .values_list("label_facet", "label_key", "label_text", "label_locale")
    )


def _taxonomy_labels(counts, locale):
    """{facet: {value: label}} of the theme, method, SDG and member values in `counts`, in the
    visitor's locale where a record exists there, else the default locale's: one query for the
    four (a UNION), not one each. A member is the title of its live, public page (read as values:
    a facet can name hundreds of members, and a MemberPage instance is slow to build); an
    organisation whose page is unpublished or private gets no label, and no facet value."""
    locales = [locale.pk, default_locale().pk]
    parts = []
    if counts.get("theme"):
        parts.append(_rows("theme", Theme.objects.filter(slug__in=counts["theme"], locale__in=locales), "slug", "name"))
    if counts.get("method"):
        methods = Method.objects.filter(slug__in=counts["method"], locale__in=locales)
        parts.append(_rows("method", methods, "slug", "name"))
    if counts.get("sdg"):
        sdgs = SDG.objects.filter(number__in=[int(v) for v in counts["sdg"]], locale__in=locales)
        parts.append(_rows("sdg", sdgs, "number", "name"))
    if counts.get("member"):
        members = Page.objects.filter(
            live_public_q(),
            slug__in=counts["member"],
            locale__in=locales,
            content_type=ContentType.objects.get_for_model(MemberPage),
        )
        parts.append(_rows("member", members, "slug", "title"))
    if not parts:
        return {}
    labels = {facet: {} for facet in ("theme", "method", "sdg", "member") if counts.get(facet)}
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    # The active locale's rows last, so they win.
    for facet, key, text, _locale in sorted(rows, key=lambda row: row[3] == locale.pk):
        labels[facet][key] = f"{key}. {text}" if facet == "sdg" else text  # as str(SDG): "5. Gender equality"
    return labels


def facet_labels(counts, locale):
    """{facet: {value: label}} for the values present in `counts`: one query for all taxonomies."""
    labels = {facet: {} for facet in counts}
    labels["type"] = {value: str(TYPE_LABELS.get(value, value)).capitalize() for value in counts.get("type", {})}
    labels.update(_taxonomy_labels(counts, locale))
    labels["country"] = {code: str(countries.name(code)) or code for code in counts.get("country", {})}
    language_names = dict(settings.LANGUAGES) | dict(PAPER_LANGUAGES)
    labels["lang"] = {code: str(language_names.get(code, code)) for code in counts.get("lang", {})}
    labels["year"] = {year: year for year in counts.get("year", {})}
    return labels
