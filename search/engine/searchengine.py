"""Faceted search on an Elasticsearch-family engine: filters and counts as aggregations."""

import logging

from wagtail.search import index

from ..models import PAIRED_FACETS, SearchDocument
from ..params import FACETS
from .base import LABEL_SLACK, MAX_FACET_VALUES, WORD, SearchUnavailable, engine_backend, variant_phrase

logger = logging.getLogger(__name__)


class EngineResults:
    """A lazy, sliceable result list for Paginator: one engine request when the page was planned."""

    def __init__(self, search):
        self.search = search

    def count(self):
        # Pages past the engine's result window cannot be fetched, so Paginator is not offered them;
        # the search's own count() is the true total.
        return min(self.search.count(), self.search.MAX_RESULT_WINDOW)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("EngineResults only supports slicing")
        return self.search.hits(key.start or 0, (key.stop or 0) - (key.start or 0))


class EngineFacetedSearch:
    """Faceted search on an Elasticsearch-family engine: filters and counts as aggregations.

    One round trip (`_msearch`) carries the searches, which the engine runs side by side: the
    counts of every facet (each without its own selection, every value, not the top ten
    `.facet()` returns), split between two searches (COUNT_GROUPS), and, when the page to show
    is known (`page_size`), that page of hits. One SQL query then loads their documents. Another
    page costs one more request.

    The seven facets with few values are counted by one aggregation over `facet_pairs` (each
    document's "facet:value" pairs, search/models.py) rather than one each: on 100,000 pages the
    engine counted them in about a third of the time. An index written before that field existed
    lacks it; the counts notice (the `type` pairs must add up to the result count: every document
    has one type) and count facet by facet instead until `update_index` has run.

    The counts are searches of their own, with no hits (`size` 0), no scoring (the match is a
    filter) and nothing that varies between identical searches, so the engine's shard request
    cache answers a repeated one (the browse page, a common word, a popular selection) without
    counting again. The engine empties that cache whenever the index changes (a publish,
    unpublish or edit reaching the index), so the counts stay exact. REQUEST_CACHE False asks
    the engine to count afresh every time (the benchmark's "uncached" side).
    """

    FIELDS = {facet: "type" if facet == "type" else f"facet_{facet}" for facet in FACETS}
    MAX_RESULT_WINDOW = 10_000  # the engine's default index.max_result_window: from + size beyond it is refused
    REQUEST_CACHE = True
    # The facets counted by each of the counting searches, which the engine runs side by side, each
    # on a thread of its own: on 2 cores, 100,000 pages, browsing everything, the member facet (one
    # value per organisation) took 5-9 ms alone, the other seven 17-20 ms as one `facet_pairs`
    # aggregation, 26-29 ms as seven (docs/benchmarks.md). Every facet is in exactly one group.
    COUNT_GROUPS = (("member",), PAIRED_FACETS)

    def __init__(self, params, locale, page_size=None):
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
        # `base.search()` would build a new backend, so a new connection to the engine, every time.
        backend = engine_backend()
        self.results_object = backend.search(terms or MATCH_ALL, base, operator="and", order_by_relevance=relevance)
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
        self.pairs_column = compiler.mapping.get_field_column_name(index.FilterField("facet_pairs"))
        self._aggregations = None
        self.truncated = set()  # facets with more values than the engine returned (facet_counts)
        self._pages = {}  # (start, size) -> documents
        self.planned = (0, 0)
        if page_size:
            page = int(params.page) if params.page.isdigit() and int(params.page) >= 1 else 1
            if page * page_size <= self.MAX_RESULT_WINDOW:
                # Further on, the page number is out of range anyway: Paginator picks the last page.
                self.planned = ((page - 1) * page_size, page_size)
        self.results = EngineResults(self)

    def _filters(self, exclude=None):
        return [
            {"terms": {self.columns[facet]: values}}
            for facet, values in self.params.selected.items()
            if facet != exclude
        ]

    def _msearch(self, searches):
        """[(header, body)] in one round trip; the responses in the same order. The engine runs them
        side by side (up to its `max_concurrent_searches`). A search that failed raises."""
        lines = []
        for header, body in searches:
            lines += [{"index": self.index, **header}, body]
        client = self.backend.es
        try:
            if self.backend.use_new_elasticsearch_api:
                answer = client.msearch(searches=lines)
            else:
                answer = client.msearch(body=lines)
        except Exception as error:
            raise SearchUnavailable(str(error)) from error
        responses = answer["responses"]
        for response in responses:
            if "error" in response:
                raise SearchUnavailable(str(response["error"]))
        return responses

    def _ranked(self):
        """The match, ranked: the query, a glossary term with the query as an in-house label first."""
        query = {"bool": {"must": self.query}}
        if self.phrase:
            # `should` beside `must` only scores: the matching documents, and so the counts, stay the same.
            query["bool"]["should"] = [{"match_phrase": {self.variants_column: {"query": self.phrase, "boost": 1000}}}]
        body = {"query": query}
        if self.sort:
            body["sort"] = self.sort
        return body

    def _terms(self, facet):
        """The terms aggregations of one facet: its most frequent values (all of them when it has no
        limit) and, with a limit, its selected values, counted exactly whatever their rank."""
        limit = self.params.limit_for(facet)
        size = MAX_FACET_VALUES if limit is None else limit + LABEL_SLACK
        values = {"values": {"terms": {"field": self.columns[facet], "size": size}}}
        if limit is not None and self.params.selected.get(facet):
            # Selected values outside the top ones, counted exactly: `include` names them.
            chosen = self.params.selected[facet]
            values["selected"] = {"terms": {"field": self.columns[facet], "include": chosen, "size": len(chosen)}}
        return values

    def _counting(self, facets, pairs=True):
        """The search that counts `facets`: no hits, no scores (the match as a filter), nothing that
        varies between identical searches (the request cache's key is the body). A facet with no
        selected value is counted over the whole result, so it goes under `_results` (the result,
        every selection applied): one filter for all of them, and there the paired facets are one
        `_pairs` aggregation. A facet with a selection is counted without its own (OR within a
        facet), so each such facet has a filter of its own."""
        results = {"filter": {"bool": {"filter": self._filters()}}, "aggs": {}}
        aggs = {"_results": results}
        for facet in facets:
            if self.params.selected.get(facet):
                own = {"bool": {"filter": self._filters(exclude=facet)}}
                aggs[facet] = {"filter": own, "aggs": self._terms(facet)}
            elif pairs and facet in PAIRED_FACETS:
                # Every pair, the selected facets' too (ignored: they are counted above): `type` is
                # always among them, for the check in _split_pairs.
                results["aggs"]["_pairs"] = {"terms": {"field": self.pairs_column, "size": MAX_FACET_VALUES}}
            else:
                results["aggs"][facet] = self._terms(facet)["values"]
        return {
            "query": {"bool": {"filter": [self.query]}},
            "aggs": aggs,
            "size": 0,
            # The count is `_results`; the engine need not count the hits as well.
            "track_total_hits": False,
        }

    def _count_searches(self, pairs=True):
        header = {"request_cache": self.REQUEST_CACHE}
        return [(header, self._counting(group, pairs)) for group in self.COUNT_GROUPS]

    def aggregations(self):
        """Counts, with the planned page of hits beside them in the same round trip."""
        if self._aggregations is None:
            searches = self._count_searches()
            start, size = self.planned
            if size:
                searches.append(({}, self._page_body(start, size)))
            responses = None if self.empty else self._msearch(searches)
            if responses:
                counted = [response["aggregations"] for response in responses[: len(self.COUNT_GROUPS)]]
                found = self._merge(counted)
                if found is None:
                    logger.warning(
                        "The search index has no facet_pairs (written before the field existed): facets "
                        "counted one by one until `manage.py update_index` has run."
                    )
                    found = self._merge([r["aggregations"] for r in self._msearch(self._count_searches(False))])
                self._aggregations = found
                if size:
                    self._pages[(start, size)] = self._documents(responses[-1])
            else:
                self._aggregations = _empty_aggregations()
        return self._aggregations

    def _merge(self, counted):
        """The counting searches' aggregations as {facet: {"values": terms[, "selected": terms]}} and
        `_results`, or None when `_pairs` does not account for every document (see the class)."""
        total = counted[0]["_results"]["doc_count"]
        found = {"_results": {"doc_count": total}}
        for aggregations in counted:
            results = aggregations["_results"]
            found |= {facet: aggregations[facet] for facet in FACETS if facet in aggregations}
            found |= {facet: {"values": results[facet]} for facet in FACETS if facet in results}
            if "_pairs" in results:
                split = _split_pairs(results["_pairs"])
                if sum(bucket["doc_count"] for bucket in split.get("type", [])) != total:
                    return None
                other = results["_pairs"].get("sum_other_doc_count", 0)
                found |= {
                    facet: {"values": {"buckets": split.get(facet, []), "sum_other_doc_count": other}}
                    for facet in PAIRED_FACETS
                    if facet not in found
                }
        return found

    def _page_body(self, start, size):
        """One page of ranked hits, every selection applied, only their primary keys."""
        body = self._ranked()
        body["query"] = {"bool": {**body["query"]["bool"], "filter": self._filters()}}
        return {
            **body,
            "from": start,
            "size": size,
            "_source": False,
            "stored_fields": ["pk"],
            # Paginator takes the count from `_results`.
            "track_total_hits": False,
        }

    def hits(self, start, size):
        if size <= 0 or self.empty:
            return []
        for (fetched_start, fetched_size), documents in self._pages.items():
            # Paginator asks for less than a full page at the end: a slice of a page already fetched.
            if fetched_start <= start and start + size <= fetched_start + fetched_size:
                return documents[start - fetched_start : start - fetched_start + size]
        (response,) = self._msearch([({}, self._page_body(start, size))])
        self._pages[(start, size)] = self._documents(response)
        return self._pages[(start, size)]

    def _documents(self, response):
        pks = [int(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]
        documents = SearchDocument.objects.select_related("locale").in_bulk(pks)
        return [documents[pk] for pk in pks if pk in documents]

    def count(self):
        return self.aggregations()["_results"]["doc_count"]

    def facet_counts(self):
        """{facet: {value: count}}: every value of the paired facets (PAIRED_FACETS); the member facet,
        when it has a limit, its most frequent values (limit plus LABEL_SLACK, exact on the hub's
        one-shard index) and its selected ones; `truncated` names the facets that have more."""
        aggregations = self.aggregations()
        counts = {}
        self.truncated = set()
        for facet in FACETS:
            found = aggregations[facet]["values"]
            buckets = found["buckets"] + aggregations[facet].get("selected", {}).get("buckets", [])
            counts[facet] = {str(bucket["key"]): bucket["doc_count"] for bucket in buckets}
            if found.get("sum_other_doc_count"):
                self.truncated.add(facet)
        return counts


def _split_pairs(pairs):
    """{facet: [bucket]} from the buckets of "facet:value" keys, each facet's in the engine's order
    (count, then value: a facet's keys share their prefix, so they sort as their values do)."""
    split = {}
    for bucket in pairs["buckets"]:
        facet, _, value = bucket["key"].partition(":")
        split.setdefault(facet, []).append({"key": value, "doc_count": bucket["doc_count"]})
    return split


def _empty_aggregations():
    empty = {facet: {"values": {"buckets": []}} for facet in FACETS}
    return {"_results": {"doc_count": 0}, **empty}
