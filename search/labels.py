"""Human labels for facet values, in the visitor's language where a translation exists."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
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


def _localised(queryset, key, locale, label):
    """{key: label} preferring records in `locale`, else the default locale's."""
    labels = {}
    default = default_locale()
    for obj in queryset.filter(locale__in=[locale, default]).order_by(
        # Rows of the active locale last, so they win.
        "locale_id" if locale.pk >= default.pk else "-locale_id"
    ):
        if obj.locale_id == locale.pk or getattr(obj, key) not in labels:
            labels[getattr(obj, key)] = label(obj)
    return labels


def _member_titles(slugs, locale):
    """{slug: title} of live, public member pages, preferring `locale`'s. Read as values: a facet can
    name hundreds of members, and a MemberPage instance (a ClusterableModel) is slow to build.
    An organisation whose page is unpublished or private gets no label, and no facet value."""
    rows = Page.objects.filter(
        live_public_q(),
        slug__in=slugs,
        locale__in=[locale, default_locale()],
        content_type=ContentType.objects.get_for_model(MemberPage),
    ).values_list("slug", "title", "locale_id")
    # The active locale's rows last, so they win.
    return {slug: title for slug, title, _locale in sorted(rows, key=lambda row: row[2] == locale.pk)}


def facet_labels(counts, locale):
    """{facet: {value: label}} for the values present in `counts`, one query per taxonomy."""
    labels = {facet: {} for facet in counts}
    labels["type"] = {value: str(TYPE_LABELS.get(value, value)).capitalize() for value in counts.get("type", {})}
    if counts.get("theme"):
        labels["theme"] = _localised(Theme.objects.filter(slug__in=counts["theme"]), "slug", locale, str)
    if counts.get("method"):
        labels["method"] = _localised(Method.objects.filter(slug__in=counts["method"]), "slug", locale, str)
    if counts.get("sdg"):
        numbers = [int(v) for v in counts["sdg"]]
        by_number = _localised(SDG.objects.filter(number__in=numbers), "number", locale, str)
        labels["sdg"] = {str(number): label for number, label in by_number.items()}
    if counts.get("member"):
        labels["member"] = _member_titles(counts["member"], locale)
    labels["country"] = {code: str(countries.name(code)) or code for code in counts.get("country", {})}
    language_names = dict(settings.LANGUAGES) | dict(PAPER_LANGUAGES)
    labels["lang"] = {code: str(language_names.get(code, code)) for code in counts.get("lang", {})}
    labels["year"] = {year: year for year in counts.get("year", {})}
    return labels
