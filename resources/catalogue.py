"""What the library and the glossary show on a method or theme page, and the catalogue's paper counts.

Papers, terms and members are matched to the page's record by translation_key, so a paper that
chose the French record of a method counts for the English page too; every list is in the page's
language, or the source language where nobody has translated a page yet.
"""

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils.translation import ngettext_lazy

from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public
from hub.catalogue.usage import Usage
from members.models import MemberPage
from members.queries import live_public_q

from .models import GlossaryTermPage, PaperPage

PAPERS_SHOWN = 10
RELATION = {"method": "methods", "theme": "themes"}


def _papers(locale):
    return in_locale_or_source(public(PaperPage.objects.live()), locale)


def paper_counts(record_model, locale):
    """{record translation_key: number of live public papers in `locale` (or their source) using it}, one query."""
    relation = RELATION.get(record_model._meta.model_name)
    if relation is None:
        return None
    key = f"{relation}__translation_key"
    rows = _papers(locale).filter(**{f"{key}__isnull": False}).values(key).annotate(n=Count("pk", distinct=True))
    return {row[key]: row["n"] for row in rows.order_by()}


def paper_usage(record_model, locale):
    counts = paper_counts(record_model, locale)
    if counts is None:
        return None
    return Usage("papers", counts, ngettext_lazy("%(count)s paper", "%(count)s papers", "count"), order=10)


def entry_papers(page):
    """The live public papers using the page's record, newest first (a queryset)."""
    relation = RELATION[page.record_field]
    return (
        _papers(page_locale(page))
        .filter(**{f"{relation}__translation_key": page.record.translation_key})
        .distinct()
        .order_by("-publication_date", "title")
        .select_related("locale")
    )


def _record_labels(page):
    """The names and alternative labels of the page's record in every language, with their singulars."""
    labels = []
    for record in page.record_versions:
        for label in record.labels:
            # "Community scorecards" is named by the term "Community scorecard".
            labels += [label, label[:-1]] if label.endswith("s") and len(label) > 3 else [label]
    return [label for label in dict.fromkeys(labels) if label]


def _named_terms(page):
    """The live public glossary terms shown for the page's record (a queryset), or None: for a
    method, the terms whose title or an in-house variant is one of the method's names; for a
    theme, the terms filed under the theme."""
    terms = in_locale_or_source(public(GlossaryTermPage.objects.live()), page_locale(page))
    if page.record_field == "theme":
        return terms.filter(themes__translation_key=page.record.translation_key)
    labels = _record_labels(page)
    if not labels:
        return None
    named = Q()
    for label in labels:
        named |= Q(title__iexact=label) | Q(variants__label__iexact=label)
    return terms.filter(named)


def entry_terms(page):
    """([glossary term], [(label, organisation name)]) for the page's record, in one query: the terms
    naming it (see _named_terms), and the members' in-house names for them (the crosswalk's cells)
    from live public organisations, without repeats.

    In-house names are read from every live translation of a term, as the crosswalk matches them
    across locales: one row per translation and variant, the shown terms marked among them.
    """
    shown = _named_terms(page)
    if shown is None:
        return [], []
    rows = (
        GlossaryTermPage.objects.filter(live=True, translation_key__in=shown.values("translation_key"))
        .annotate(
            is_shown=Exists(shown.filter(pk=OuterRef("pk"))),
            variant_label=F("variants__label"),
            organisation_name=F("variants__organisation__title"),
            organisation_key=F("variants__organisation__translation_key"),
            organisation_public=ExpressionWrapper(
                Q(variants__organisation__isnull=False) & live_public_q("variants__organisation__"),
                output_field=BooleanField(),
            ),
        )
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "short_definition", "translation_key", "locale")
        .order_by("title", "pk")
    )
    terms, names = {}, {}
    for row in rows:
        if row.is_shown:
            terms.setdefault(row.pk, row)
        if row.variant_label and row.organisation_public:
            # An organisation's translations name one organisation: the first title in order stands for it.
            key = (row.variant_label, row.organisation_key)
            names[key] = min(names.get(key, row.organisation_name), row.organisation_name)
    return list(terms.values()), sorted((label, name) for (label, _key), name in names.items())


def entry_members(page, papers):
    """Member organisations that practise the method or work on the theme: those publishing papers
    using it and, for a theme, those who list it among their own themes."""
    wanted = Q(translation_key__in=papers.order_by().values("organisations__translation_key"))
    if page.record_field == "theme":
        wanted |= Q(themes__translation_key=page.record.translation_key)
    members = in_locale_or_source(public(MemberPage.objects.live()), page_locale(page)).filter(wanted)
    return (
        members.distinct()
        .order_by("title")
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "locale")
    )
