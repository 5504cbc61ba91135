"""Faceted search on an Elasticsearch-family engine: filters and counts as aggregations."""

from wagtail.search import index

from ..models import SearchDocument
from ..params import FACETS
from .base import WORD, SearchUnavailable, variant_phrase


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
        self.variants_column = compiler.mapping.get_field_column_name(index.SearchField("variants"))
        self.phrase = variant_phrase(WORD.findall(params.query)) if relevance else ""
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
        if self.phrase:
            # A glossary term with an in-house label holding the query's words comes first.
            pin = {"match_phrase": {self.variants_column: {"query": self.phrase, "boost": 1000}}}
            body["query"]["bool"]["should"] = [pin]
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
