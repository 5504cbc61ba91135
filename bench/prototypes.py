"""Changes proposed for search/engine.py, search/models.py and search/labels.py, measured here first.

`BENCH_SEARCH_IMPL=prototype` makes bench/measure_search.py use them in place of the hub's own; the
results are the same (bench/README.md says how that was checked). SQLite database backend only: on
PostgreSQL or a search engine the hub's own classes run.

1. The full-text match as a subquery that starts from the FTS table. modelsearch joins
   `wagtailsearch_indexentry_fts` to `wagtailsearch_indexentry`; without statistics (Django never runs
   ANALYZE) SQLite starts from the content type's index entries and runs the MATCH once per entry:
   seconds for one word at 10,000 pages. `CROSS JOIN` keeps the FTS table outside, so the MATCH runs once.
2. Relevance ranking in one pass. modelsearch orders by a correlated subquery that runs the MATCH again
   for every matching row: quadratic, minutes for a common word. Here one query reads each match once,
   keeps the documents the facet selection allows and sorts by the same score (bm25 * title_norm + bm25,
   then -pk); a second loads the ten documents.
3. Facet counts from a covering index (facet, value, document) read in order, with the document test
   written `document_id + 0 IN (...)` so SQLite cannot switch to the document index and sort every
   (document, facet) pair of a large result in a temporary B-tree. The index is created for the run
   and dropped afterwards (search/models.py would declare it).
4. All facet counts in one query (a facet row counts when its document passes every selection but the
   one on its own facet), and the result count from the type facet, since every document has exactly
   one type row: the match runs twice per search (count and facets, then ranking), not 2 + selections.
5. Member labels read as values, not as MemberPage instances (ClusterableModel instances are slow to
   build, and there is one per member organisation in the facet).
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.expressions import RawSQL

from wagtail.models import Locale, Page

FTS = "wagtailsearch_indexentry_fts"
ENTRY = "wagtailsearch_indexentry"
# modelsearch's SQLite score for a plain-text query over its title and body columns.
SCORE = f"(bm25({FTS}) * entry.title_norm + bm25({FTS}))"
FACET_INDEX = "bench_searchfacet_facet_value_document"


@contextmanager
def facet_index():
    """The covering index of change 3, for the duration of a run, on SQLite."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {FACET_INDEX} ON search_searchfacet (facet, value, document_id)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {FACET_INDEX}")


def match_string(terms):
    """FTS5 MATCH text as modelsearch writes it for an AND query over title and body."""
    return "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"


def _match_sql(match, content_type_id):
    # Only constant table names are formatted in; the match text and ids are parameters.
    return (
        f"SELECT CAST(entry.object_id AS INTEGER) FROM {FTS} CROSS JOIN {ENTRY} AS entry "  # noqa: S608
        f"ON entry.id = {FTS}.rowid WHERE {FTS} MATCH %s AND entry.content_type_id = %s",
        [match, content_type_id],
    )


class Results:
    """What Paginator needs: count() from the facet counts, slices from `page`."""

    def __init__(self, search, page):
        self.search = search
        self.page = page

    def count(self):
        return self.search.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("only slices")
        start, stop = key.start or 0, key.stop
        if stop is not None and stop <= start:
            return []
        return self.page(start, stop)


def _search_class():
    from search.engine import WORD, DatabaseFacetedSearch, _selection_filter
    from search.models import SearchDocument, SearchFacet
    from search.params import FACETS

    class PrototypeFacetedSearch(DatabaseFacetedSearch):
        def __init__(self, params, locale):
            self.params = params
            self._counts = None
            base = SearchDocument.objects.all()
            if not params.all_languages:
                base = base.filter(locale=locale)
            terms = WORD.findall(params.query)
            self.match = match_string(terms) if terms else None
            self.content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
            if params.query and not terms:
                self.matched = base.none()
            elif terms:
                match = RawSQL(*_match_sql(self.match, self.content_type_id))  # noqa: S611 - see _match_sql
                self.matched = base.filter(pk__in=match)
            else:
                self.matched = base
            selection = _selection_filter(params.selected)
            self.candidates = base.filter(selection)  # without the match: the ranking query applies it
            self.filtered = self.matched.filter(selection).select_related("locale").order_by("-date", "-pk")
            self.results = Results(self, self._ranked if terms and params.sort == "relevance" else self._newest)

        def _newest(self, start, stop):
            return list(self.filtered[start:stop])

        def _ranked(self, start, stop):
            candidates, params = self.candidates.values("pk").query.sql_with_params()
            # Constant table names and the candidates' SQL from the ORM are formatted in; values are parameters.
            sql = (
                f"SELECT CAST(entry.object_id AS INTEGER) AS id FROM {FTS} CROSS JOIN {ENTRY} AS entry "  # noqa: S608
                f"ON entry.id = {FTS}.rowid WHERE {FTS} MATCH %s AND entry.content_type_id = %s "
                f"AND CAST(entry.object_id AS INTEGER) IN ({candidates}) "
                f"ORDER BY {SCORE} ASC, id DESC LIMIT %s OFFSET %s"
            )
            limit = -1 if stop is None else stop - start
            with connection.cursor() as cursor:
                cursor.execute(sql, [self.match, self.content_type_id, *params, limit, start])
                ids = [row[0] for row in cursor.fetchall()]
            documents = SearchDocument.objects.select_related("locale").in_bulk(ids)
            return [documents[pk] for pk in ids if pk in documents]

        def count(self):
            types = self.facet_counts()["type"]
            selected = self.params.selected.get("type")
            return sum(n for value, n in types.items() if not selected or value in selected)

        def facet_counts(self):
            """Every facet in one query: a facet row counts when its document passes every selection
            but the one on its own facet (disjunctive facets), so the match runs once."""
            if self._counts is not None:
                return self._counts
            counts = {facet: {} for facet in FACETS}
            passes = Q()
            for facet, values in self.params.selected.items():
                chosen = SearchFacet.objects.filter(facet=facet, value__in=values).values("document_id")
                passes &= Q(facet=facet) | Q(document_pk__in=chosen)
            rows = (
                SearchFacet.objects.alias(document_pk=F("document_id") + 0)
                .filter(passes, facet__in=FACETS, document_pk__in=self.matched.values("pk"))
                .values("facet", "value")
                .annotate(count=Count("document_id"))
                .order_by()
            )
            for row in rows:
                counts[row["facet"]][row["value"]] = row["count"]
            self._counts = counts
            return counts

    return PrototypeFacetedSearch


def faceted_search(params, locale):
    from search.engine import faceted_search

    if connection.vendor != "sqlite":
        return faceted_search(params, locale)
    return _search_class()(params, locale)


def facet_labels(counts, locale):
    """search.labels.facet_labels with member labels read as values."""
    from members.models import MemberPage
    from search import labels

    members = counts.get("member")
    result = labels.facet_labels({**counts, "member": {}}, locale)
    if members:
        rows = Page.objects.filter(
            slug__in=members,
            locale__in=[locale, Locale.get_default()],
            content_type=ContentType.objects.get_for_model(MemberPage),
        ).values_list("slug", "title", "locale_id")
        # The active locale's rows last, so they win.
        result["member"] = {slug: title for slug, title, _ in sorted(rows, key=lambda row: row[2] == locale.pk)}
    return result
