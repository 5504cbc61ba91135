"""Build and keep in sync the SearchDocument of each live, public content page."""

import html
import logging
import re

from django.db import transaction
from django.utils.html import strip_tags

from wagtail.models import Page, PageViewRestriction

from events.models import EventPage
from hub.base.models import TaxonomyBase
from hub.catalogue.models import MethodPage, ReadingListPage, ThemePage
from members.models import ChapterPage, MemberPage
from resources.models import GlossaryTermPage, PaperPage

from . import related
from .models import SearchDocument, SearchFacet

logger = logging.getLogger(__name__)

TYPES = {
    MemberPage: "member",
    ChapterPage: "chapter",
    GlossaryTermPage: "term",
    PaperPage: "paper",
    EventPage: "event",
    MethodPage: "method",
    ThemePage: "theme",
    ReadingListPage: "collection",
}
TYPE_MODELS = {value: model for model, value in TYPES.items()}


BLOCK_END = re.compile(r"<(?:/p|br|/li|/h[1-6]|/div|/blockquote|/td|/th)\b[^>]*>", re.IGNORECASE)


def _text(*parts):
    """Plain text of HTML fragments, with a space wherever a block ends so words never run together."""
    texts = (html.unescape(strip_tags(BLOCK_END.sub(" \\g<0>", str(part)))) for part in parts if part)
    return " ".join(" ".join(texts).split())


def _stream_text(stream):
    return _text(*(" ".join(str(c) for c in block.block.get_searchable_content(block.value)) for block in stream))


def _slugs(manager):
    return [item.slug for item in manager.all()]


def _taxonomy_text(page):
    """Names and alternative labels of its taxonomy records: "behavioral insights" finds "Behavioural insights"."""
    labels = []
    for field in page._meta.get_fields():
        if field.many_to_many and not field.auto_created and issubclass(field.related_model, TaxonomyBase):
            labels += [label for record in getattr(page, field.name).all() for label in record.labels]
    return " ".join(dict.fromkeys(labels))


def _extract(page):
    """(fields, facets) for one specific page; facets maps facet name to a list of values."""
    facets = {"type": [TYPES[type(page)]], "theme": _slugs(page.themes) if hasattr(page, "themes") else []}
    fields = {"summary": page.summary_text(), "variants": "", "countries": []}
    if isinstance(page, MemberPage):
        fields["text"] = _text(page.short_name, page.commitment, " ".join(s.name for s in page.sectors.all()))
        fields["countries"] = [c.code for c in page.countries] + ([page.headquarters.code] if page.headquarters else [])
        fields["date"] = page.first_published_at
        facets["member"] = [page.slug]
    elif isinstance(page, ChapterPage):
        fields["text"] = _text(
            page.body,
            *(p.partner for p in page.partnerships.all()),
            *(f"{p.name} {p.description}" for p in page.programmes.all()),
        )
        fields["countries"] = [page.country.code]
        fields["date"] = page.first_published_at
        facets["member"] = _slugs(page.lead_organisations)
    elif isinstance(page, GlossaryTermPage):
        variants = list(page.variants.select_related("organisation"))
        fields["text"] = _text(page.explanation)
        fields["variants"] = "\n".join(v.label for v in variants)
        # Only organisations whose page is live and public are named ("also called ... by").
        shown = {v.pk for v in page.variant_list if v.organisation}
        fields["variant_owners"] = [[v.label, v.organisation.title if v.pk in shown else ""] for v in variants]
        fields["date"] = page.first_published_at
        facets["member"] = sorted({v.organisation.slug for v in variants if v.pk in shown})
    elif isinstance(page, PaperPage):
        fields["text"] = _text(
            _stream_text(page.body),
            " ".join(a.person.name for a in page.authors.select_related("person")),
            " ".join(m.name for m in page.methods.all()),
        )
        fields["countries"] = [c.code for c in page.countries]
        fields["date"] = page.publication_date
        facets["member"] = _slugs(page.organisations)
        facets["method"] = _slugs(page.methods)
        facets["sdg"] = [str(s.number) for s in page.sdgs.all()]
        facets["year"] = [str(page.publication_date.year)]
        facets["lang"] = [page.language]
    elif isinstance(page, EventPage):
        fields["text"] = _text(page.description, page.venue, " ".join(p.name for p in page.speakers.all()))
        country = page.event_country
        fields["countries"] = [country.code] if country else []
        fields["date"] = page.start
        facets["member"] = _slugs(page.organisers)
        facets["method"] = _slugs(page.methods)
        facets["year"] = [str(page.start.year)]
    elif isinstance(page, MethodPage | ThemePage):
        # A method's or theme's page carries its own record as a facet: filtering on the method
        # finds its page beside the papers that use it.
        record = page.record
        fields["text"] = _text(
            page.what_it_is, page.when_to_use, page.steps, page.needs, page.strengths_limits, page.examples
        )
        fields["variants"] = "\n".join(label for label in record.labels if label != page.title)
        fields["date"] = page.first_published_at
        facets[page.record_field] = [record.slug]
    elif isinstance(page, ReadingListPage):
        fields["text"] = _text(page.intro, *(item.note for item in page.items.all()))
        fields["date"] = page.first_published_at
    fields["text"] = " ".join(filter(None, [fields.get("text", ""), _taxonomy_text(page)]))
    facets.setdefault("lang", [page.locale.language_code])
    facets["country"] = sorted(set(fields["countries"]))
    fields["countries"] = ",".join(facets["country"])
    facets[related.FACET] = related.keys(page, facets["country"])
    return fields, facets


def _as_datetime(value):
    import datetime

    from django.utils import timezone

    if isinstance(value, datetime.datetime) or value is None:
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()), datetime.UTC)


def is_searchable(page):
    """Live, public, and not one of wagtail-localize's alias pages (source text in another locale)."""
    return type(page) in TYPES and page.live and page.alias_of_id is None and not page.get_view_restrictions().exists()


def sync_page(page):
    """Create, update or remove the search document of one page; returns the document or None."""
    page = page.specific
    if not is_searchable(page):
        remove_page(page)
        return None
    fields, facets = _extract(page)
    with transaction.atomic():
        document, _created = SearchDocument.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "locale_id": page.locale_id,
                "type": TYPES[type(page)],
                "title": page.title,
                "url": page.get_url() or "",
                "summary": fields["summary"] or "",
                "text": fields.get("text", ""),
                "variants": fields["variants"],
                "variant_owners": fields.get("variant_owners", []),
                "date": _as_datetime(fields.get("date")),
                "countries": fields["countries"],
            },
        )
        document.facets.all().delete()
        SearchFacet.objects.bulk_create(
            SearchFacet(document=document, facet=facet, value=str(value)[:120])
            for facet, values in facets.items()
            for value in dict.fromkeys(values)
            if value not in (None, "")
        )
    document._facet_cache = None
    _index(document)
    return document


def remove_page(page):
    document = SearchDocument.objects.filter(page_id=page.pk).first()
    if document is not None:
        document.delete()  # the post_delete signal takes it out of the search engine


def sync_subtree(page):
    """After a move or a privacy change: every content page at or below `page`."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).type(*TYPES).specific():
        sync_page(descendant)


def sync_terms_naming(page):
    """Glossary terms name organisations ("also called ... by"): after an organisation at or below
    `page` is published, unpublished or (un)restricted, the terms naming it are synced again."""
    organisations = MemberPage.objects.descendant_of(page, inclusive=True).values("translation_key")
    terms = GlossaryTermPage.objects.live().filter(variants__organisation__translation_key__in=organisations)
    for term in terms.distinct():
        sync_page(term)


def rebuild():
    """Every document again from the live pages; returns how many exist."""
    SearchDocument.objects.exclude(page__live=True).delete()
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    count = 0
    for model in TYPES:
        for page in model.objects.live().filter(alias_of__isnull=True):
            if not any(page.path.startswith(path) for path in restricted) and sync_page(page):
                count += 1
    return count


def _index(document):
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        try:
            backend.add(document)
        except Exception:
            # The engine being down must not stop editors publishing; update_index catches up.
            logger.exception("Could not index search document %s in %s", document.pk, backend)


def unindex(document):
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        try:
            backend.delete(document)
        except Exception:
            logger.exception("Could not remove search document %s from %s", document.pk, backend)
