"""Faceted search over SearchDocuments: full text, disjunctive facet counts, sorting.

Full-text matching goes through Wagtail's search backend. On the database backends
(SQLite FTS5, PostgreSQL) the match is a queryset, so the facet counts are GROUP BY
queries over it; on the Elasticsearch-family engine they are aggregations (engine.py's
EngineFacetedSearch). Either way a request costs a fixed number of queries.
"""

import html
import re

from django.db.models import Count, Q

from wagtail.search import index

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
        self.results = self.matched.filter(_selection_filter(params.selected)).select_related("locale")
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


class EngineResults:
    """A lazy, sliceable result list for Paginator, backed by two engine requests at most."""

    def __init__(self, search):
        self.search = search

    def count(self):
        return self.search.aggregations()["_results"]["doc_count"]

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("EngineResults only supports slicing")
        return self.search.hits(key.start or 0, (key.stop or 0) - (key.start or 0))


class EngineFacetedSearch:
    """Faceted search on an Elasticsearch-family engine: filters and counts as aggregations.

    One request counts every facet (each without its own selection, every value, not the
    top ten `.facet()` returns), one fetches the page of hits, one query loads their documents.
    """

    FIELDS = {facet: "type" if facet == "type" else f"facet_{facet}" for facet in FACETS}

    def __init__(self, params, locale):
        from modelsearch.query import MATCH_ALL

        self.params = params
        base = SearchDocument.objects.all()
        if not params.all_languages:
            base = base.filter(locale=locale)
        relevance = params.sort == "relevance" and bool(params.query)
        if not relevance:
            base = base.order_by("-date")
        terms = " ".join(WORD.findall(params.query))
        self.empty = bool(params.query) and not terms
        self.results_object = base.search(terms or MATCH_ALL, operator="and", order_by_relevance=relevance)
        compiler = self.results_object.query_compiler
        self.backend = self.results_object.backend
        self.index = self.backend.get_index_for_model(SearchDocument).name
        self.query = compiler.get_query()
        self.sort = compiler.get_sort()
        self.columns = {
            facet: compiler.mapping.get_field_column_name(index.FilterField(field))
            for facet, field in self.FIELDS.items()
        }
        self._aggregations = None
        self.results = EngineResults(self)

    def _filters(self, exclude=None):
        return [
            {"terms": {self.columns[facet]: values}}
            for facet, values in self.params.selected.items()
            if facet != exclude
        ]

    def _search(self, body, **params):
        if self.empty:
            return None
        try:
            return self.results_object._backend_do_search(body, index=self.index, **params)
        except Exception as error:
            raise SearchUnavailable(str(error)) from error

    def aggregations(self):
        if self._aggregations is None:
            aggs = {"_results": {"filter": {"bool": {"filter": self._filters()}}}}
            for facet in FACETS:
                aggs[facet] = {
                    "filter": {"bool": {"filter": self._filters(exclude=facet)}},
                    "aggs": {"values": {"terms": {"field": self.columns[facet], "size": 1000}}},
                }
            response = self._search({"query": self.query, "aggs": aggs}, size=0)
            self._aggregations = response["aggregations"] if response else _empty_aggregations()
        return self._aggregations

    def hits(self, start, size):
        if size <= 0 or self.empty:
            return []
        body = {"query": {"bool": {"must": self.query, "filter": self._filters()}}}
        if self.sort:
            body["sort"] = self.sort
        response = self._search(body, from_=start, size=size, _source=False, stored_fields="pk")
        pks = [hit["fields"]["pk"][0] for hit in response["hits"]["hits"]]
        documents = SearchDocument.objects.select_related("locale").in_bulk([int(pk) for pk in pks])
        return [documents[int(pk)] for pk in pks if int(pk) in documents]

    def facet_counts(self):
        aggregations = self.aggregations()
        return {
            facet: {str(bucket["key"]): bucket["doc_count"] for bucket in aggregations[facet]["values"]["buckets"]}
            for facet in FACETS
        }


def _empty_aggregations():
    empty = {facet: {"values": {"buckets": []}} for facet in FACETS}
    return {"_results": {"doc_count": 0}, **empty}


def uses_engine():
    from wagtail.search.backends import get_search_backend

    return hasattr(get_search_backend(), "es")


def faceted_search(params, locale):
    if uses_engine():
        return EngineFacetedSearch(params, locale)
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


def also_called(document, query):
    """The in-house variants of a glossary term that the query mentions: [{"label", "by"}]."""
    words = {word.casefold() for word in WORD.findall(query) if len(word) > 1}
    if document.type != "term" or not words:
        return []
    return [
        {"label": label, "by": by}
        for label, by in document.variant_owners
        if words & {word.casefold() for word in WORD.findall(label)}
    ]
