"""Faceted search over SearchDocuments: full text, disjunctive facet counts, sorting.

Full-text matching goes through Wagtail's search backend. On the database backends
(SQLite FTS5, PostgreSQL) the match is a queryset, so the facet counts are GROUP BY
queries over it; on the Elasticsearch-family engine they are aggregations (engine.py's
EngineFacetedSearch). Either way a request costs a fixed number of queries.
"""

import html
import re

from django.db.models import Count, Q

from .models import SearchDocument, SearchFacet
from .params import FACETS

# Only words reach the full-text engine: FTS5 and tsquery operators in user input are not syntax.
WORD = re.compile(r"\w+")


class SearchUnavailable(Exception):
    """The search engine could not be reached; the view answers 503."""


def _selection_filter(selected, exclude=None):
    """A Q on SearchDocument for every selected facet but `exclude`: OR within, AND across."""
    condition = Q()
    for facet, values in selected.items():
        if facet != exclude:
            condition &= Q(pk__in=SearchFacet.objects.filter(facet=facet, value__in=values).values("document_id"))
    return condition


class DatabaseFacetedSearch:
    """Faceted search on the database search backend."""

    def __init__(self, params, locale):
        self.params = params
        base = SearchDocument.objects.all()
        if not params.all_languages:
            base = base.filter(locale=locale)
        terms = " ".join(WORD.findall(params.query))
        if params.query and not terms:
            self.matched = base.none()
        elif params.query:
            results = base.search(
                terms,
                operator="and",
                order_by_relevance=params.sort == "relevance",
            )
            self.matched = results.get_queryset()
        else:
            self.matched = base
        self.results = self.matched.filter(_selection_filter(params.selected))
        if params.sort == "newest" or not params.query:
            self.results = self.results.order_by("-date", "-pk")

    def facet_counts(self):
        """{facet: {value: count}} for every facet, each counted without its own selection."""
        counts = {facet: {} for facet in FACETS}
        unselected = [f for f in FACETS if f not in self.params.selected]
        groups = [(unselected, None)] + [([f], f) for f in self.params.selected]
        for facets, exclude in groups:
            if not facets:
                continue
            documents = self.matched.filter(_selection_filter(self.params.selected, exclude)).values("pk")
            rows = (
                SearchFacet.objects.filter(facet__in=facets, document__in=documents)
                .values("facet", "value")
                .annotate(count=Count("document_id"))
                .order_by()
            )
            for row in rows:
                counts[row["facet"]][row["value"]] = row["count"]
        return counts


def faceted_search(params, locale):
    return DatabaseFacetedSearch(params, locale)


def highlight(text, query, length=240):
    """An HTML-safe excerpt of `text` around the first query term, with the terms in <mark>."""
    terms = [html.escape(term) for term in query.split() if len(term) > 1] if query else []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + ")", re.IGNORECASE) if terms else None
    escaped = html.escape(text)
    start = 0
    if pattern and (found := pattern.search(escaped)):
        start = escaped.rfind(" ", 0, max(0, found.start() - length // 3)) + 1
    excerpt = escaped[start : start + length]
    if start + length < len(escaped):
        # Never cut an entity or a word in half.
        excerpt = excerpt[: excerpt.rfind(" ")] if " " in excerpt else excerpt
        excerpt += " …"
    if start > 0:
        excerpt = "… " + excerpt
    return pattern.sub(r"<mark>\1</mark>", excerpt) if pattern else excerpt


def snippet(document, query):
    """The highlighted excerpt of the first of summary, text and variants that mentions the query."""
    words = [word.casefold() for word in WORD.findall(query) if len(word) > 1]
    for text in (document.summary, document.text, document.variants):
        if text and any(word in text.casefold() for word in words):
            return highlight(text, query)
    return highlight(document.summary or document.text, query)
