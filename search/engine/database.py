"""Faceted search on the database search backend (SQLite FTS5 or PostgreSQL).

Every facet is counted in one query, and the result count comes from the `type` counts, so a
search runs the full-text match twice (counts, then the page of results) whatever the selection.

On SQLite the match and the relevance ranking are written here rather than taken from
modelsearch, whose SQL is quadratic in the number of matches on this schema (bench/README.md):
- modelsearch joins the FTS table to the index entries and, without statistics (Django never
  runs ANALYZE), SQLite starts from the entries and runs the MATCH once per entry. Starting from
  the FTS table with CROSS JOIN, which SQLite never reorders, runs it once.
- modelsearch orders by a correlated subquery that runs the MATCH again for every matching row.
  One query here scores each match once, with modelsearch's own score and tie-break.

On PostgreSQL the tsquery and the rank are modelsearch's own expressions, but the query is ours,
over the index entries alone: modelsearch joins through a generic relation whose content-type test
the planner prefers to drive from (the content type's entries, each `tsvector` read and tested:
160 ms for a common word at 10,000 pages) over a bitmap scan of the GIN index on `title || body`
(13 ms). `content_type_id + 0` cannot use an index, so the GIN index drives; and the page of
results is ranked in the same query, straight from the entries, without joining the documents.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, router
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast

from wagtail.search.models import IndexEntry

from ..models import SearchDocument, SearchFacet
from ..params import FACETS
from .base import WORD, selection_filter, variant_phrase

FTS = "wagtailsearch_indexentry_fts"
ENTRY = "wagtailsearch_indexentry"
# modelsearch's SQLite score for a plain-text query over the title and body columns (lower is better).
OBJECT_ID = "CAST(entry.object_id AS INTEGER)"
SCORE = f"bm25({FTS}) * entry.title_norm + bm25({FTS})"


def fts_match(terms):
    """FTS5 MATCH text for all of `terms` in the title or body, as modelsearch writes it.

    `terms` are WORD matches, so they hold no double quote: inside one, FTS5 syntax is plain text.
    """
    return "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"


def _sqlite_match(match, content_type_id, extra=""):
    """SQL and parameters selecting the ids of the documents whose index entry matches."""
    # Only constant table names and `extra` (SQL from the ORM) are formatted in; values are parameters.
    return (
        f"SELECT {OBJECT_ID} FROM {FTS} CROSS JOIN {ENTRY} AS entry "  # noqa: S608
        f"ON entry.id = {FTS}.rowid WHERE {FTS} MATCH %s AND entry.content_type_id = %s{extra}",
        [match, content_type_id],
    )


def _postgres_entries(base, terms):
    """(matching index entries, their rank) on PostgreSQL, from modelsearch's tsquery and rank.

    `content_type_id + 0` keeps the planner on the GIN index of `title || body`
    (hub/base/migrations/0003); the entries carry the document id as `document_id`.
    """
    results = base.search(" ".join(terms), operator="and", order_by_relevance=False)
    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    # modelsearch's own score: ts_rank of the title times its norm plus ts_rank of the body.
    rank = compiler._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config)
    entries = (
        IndexEntry.objects.alias(
            content_type_pk=F("content_type_id") + 0,
            vector=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField()),
        )
        .filter(content_type_pk=ContentType.objects.get_for_model(SearchDocument).pk, vector=tsquery)
        .annotate(document_id=Cast("object_id", IntegerField()))
    )
    return entries, rank


class DatabaseResults:
    """A lazy, sliceable result list for Paginator: counted from the facet counts, sliced by the search."""

    def __init__(self, search):
        self.search = search

    def count(self):
        return self.search.count()

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[0:None])

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("DatabaseResults only supports slicing")
        start, stop = key.start or 0, key.stop
        if stop is not None and stop <= start:
            return []
        return self.search.slice(start, stop)


class DatabaseFacetedSearch:
    """Faceted search on the database search backend."""

    def __init__(self, params, locale):
        self.params = params
        self._counts = None
        self.truncated = set()  # every value is counted here: the view keeps the most frequent ones
        self.sqlite = connections[router.db_for_read(SearchDocument)].vendor == "sqlite"
        base = SearchDocument.objects.all()
        if not params.all_languages:
            base = base.filter(locale=locale)
        self.terms = WORD.findall(params.query)
        selection = selection_filter(params.selected)
        # The documents the selection allows, before the match: the SQLite ranking query applies it.
        self.candidates = base.filter(selection)
        if params.query and not self.terms:
            self.matched = base.none()
        elif self.terms and self.sqlite:
            self.match = fts_match(self.terms)
            self.content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
            self.matched = base.filter(pk__in=RawSQL(*_sqlite_match(self.match, self.content_type_id)))  # noqa: S611
        elif self.terms:
            self.entries, self.rank = _postgres_entries(base, self.terms)
            self.matched = base.filter(pk__in=self.entries.values("document_id"))
        else:
            self.matched = base
        self.ranked = bool(self.terms) and params.sort == "relevance"
        self.ordered = self.matched.filter(selection).select_related("locale").order_by("-date", "-pk")
        self.results = DatabaseResults(self)

    def slice(self, start, stop):
        """The documents from `start` to `stop` (None: to the end), in result order."""
        if self.ranked and self.sqlite:
            return self._sqlite_ranked(start, stop)
        if self.ranked:
            return self._postgres_ranked(start, stop)
        return list(self.ordered[start:stop])

    def _postgres_ranked(self, start, stop):
        """The page of matches the selection allows, ranked from the index entries alone, then loaded.

        Glossary terms with an in-house label holding the query's words first, then modelsearch's
        rank and tie-break (newest document first)."""
        terms = SearchDocument.objects.filter(type="term", variants__icontains=variant_phrase(self.terms))
        pinned = Case(When(document_id__in=terms.values("pk"), then=Value(0)), default=Value(1))
        ids = list(
            self.entries.filter(document_id__in=self.candidates.values("pk"))
            .annotate(pinned=pinned, score=self.rank)
            .order_by("pinned", "-score", "-document_id")
            .values_list("document_id", flat=True)[start:stop]
        )
        documents = SearchDocument.objects.select_related("locale").in_bulk(ids)
        return [documents[pk] for pk in ids if pk in documents]

    def _sqlite_ranked(self, start, stop):
        """One pass over the matches: keep those the selection allows, sort by score, then load the page."""
        candidates, candidate_params = self.candidates.values("pk").query.sql_with_params()
        sql, params = _sqlite_match(self.match, self.content_type_id, f" AND {OBJECT_ID} IN ({candidates})")
        # Glossary terms with an in-house label holding the query's words first (one uncorrelated
        # subquery, evaluated once), then modelsearch's score.
        pinned = (
            f"{OBJECT_ID} IN (SELECT {SearchDocument._meta.pk.column} FROM {SearchDocument._meta.db_table} "  # noqa: S608
            "WHERE type = 'term' AND variants LIKE %s ESCAPE '\\')"
        )
        phrase = variant_phrase(self.terms).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql += f" ORDER BY {pinned} DESC, {SCORE}, {OBJECT_ID} DESC LIMIT %s OFFSET %s"
        limit = -1 if stop is None else stop - start
        with connections[router.db_for_read(SearchDocument)].cursor() as cursor:
            cursor.execute(sql, [*params, *candidate_params, f"%{phrase}%", limit, start])
            ids = [row[0] for row in cursor.fetchall()]
        documents = SearchDocument.objects.select_related("locale").in_bulk(ids)
        return [documents[pk] for pk in ids if pk in documents]

    def count(self):
        """Every document has exactly one `type` row, so the type counts add up to the result count."""
        chosen = self.params.selected.get("type")
        return sum(n for value, n in self.facet_counts()["type"].items() if not chosen or value in chosen)

    def facet_counts(self):
        """{facet: {value: count}} for every facet, each counted without its own selection, in one query.

        A facet row counts when its document matches and passes every selection but the one on the
        row's own facet (disjunctive facets). `document_id + 0` keeps SQLite reading the covering
        (facet, value, document) index in order rather than driving from the document index and
        sorting every (document, facet) pair of a large result.
        """
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
