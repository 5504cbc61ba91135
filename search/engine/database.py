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
For a word in nearly every document PostgreSQL rightly tests every entry, so what each test costs
is what counts: the tsquery is computed once and written as a constant (as a `to_tsquery(...)`
call it is parsed again for every entry, three times per entry in the ranked query); the match
tests the entry's lexemes, stored in the row (hub/base/migrations/0008), instead of reading and
merging its title and body vectors; the rank reads a copy of the body vector kept in the row
rather than in the TOAST table; and the ranked page is sorted from narrow rows.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import CombinedSearchQuery, SearchQuery, SearchVectorField
from django.db import connections, router
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.expressions import Col, Expression, RawSQL
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


class ParsedQuery(SearchQuery):
    """A tsquery already computed, written as a constant (`'...'::tsquery`).

    PostgreSQL evaluates a `to_tsquery(...)` call (a stable function) again for every row it
    filters or ranks; a constant is parsed once, and the planner can read its selectivity from the
    column statistics.
    """

    def __init__(self, text):
        super().__init__(text)
        self.text = text

    def as_sql(self, compiler, connection, function=None, template=None):
        return "%s::tsquery", [self.text]


class StoredVector(Expression):
    """A `tsvector` column that hub/base/migrations/0008 adds to the index entries.

    `hub_lexemes`, `strip(title || body)`: for words joined by AND, which is all the hub sends, it
    matches exactly the entries `title || body` matches. `hub_body`, a copy of `body` kept in the
    row. modelsearch's IndexEntry model does not declare them, so they are named here, on the
    entry table's alias in whichever query (or subquery) uses them."""

    def __init__(self, name):
        super().__init__(output_field=SearchVectorField())
        self.column = SearchVectorField()
        self.column.set_attributes_from_name(name)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        return Col(query.get_initial_alias(), self.column, output_field=SearchVectorField())


def _tsqueries(expression):
    """Every tsquery expression in the tree of `expression`."""
    if isinstance(expression, (SearchQuery, CombinedSearchQuery)):
        return [expression]
    return [q for source in getattr(expression, "get_source_expressions", list)() for q in _tsqueries(source)]


def _replace_tsqueries(expression, constants):
    """A copy of `expression` with each tsquery `q` replaced by `constants[id(q)]`."""
    if id(expression) in constants:
        return constants[id(expression)]
    if not hasattr(expression, "get_source_expressions"):
        return expression
    expression = expression.copy()
    expression.set_source_expressions(
        [_replace_tsqueries(source, constants) for source in expression.get_source_expressions()]
    )
    return expression


def _computed_once(expressions):
    """`expressions` with every tsquery in them computed by PostgreSQL now, in one query."""
    queries = [q for expression in expressions for q in _tsqueries(expression)]
    if not queries:
        return expressions
    using = router.db_for_read(IndexEntry)
    query = IndexEntry.objects.none().query
    compiler = query.get_compiler(using)
    compiled = [compiler.compile(q.resolve_expression(query)) for q in queries]
    columns = ", ".join(f"({sql})::text" for sql, _ in compiled)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {columns}", [p for _, params in compiled for p in params])
        texts = cursor.fetchone()
    constants = {id(q): ParsedQuery(text) for q, text in zip(queries, texts, strict=True)}
    return [_replace_tsqueries(expression, constants) for expression in expressions]


def _postgres_entries(base, terms):
    """(matching index entries, their rank) on PostgreSQL, from modelsearch's tsquery and rank.

    `content_type_id + 0` keeps the planner off the content-type index; the match tests the
    stored lexemes of `title || body`, the rank reads the copy of `body` kept in the row
    (hub/base/migrations/0008). The entries carry the document id as `document_id`. The tsquery
    in the match and in the rank is a constant, computed once.
    """
    results = base.search(" ".join(terms), operator="and", order_by_relevance=False)
    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    # modelsearch's own score: ts_rank of the title times its norm plus ts_rank of the body (read
    # from its copy in the row).
    rank = compiler._build_rank_expression([(F("title"), F("title_norm")), (StoredVector("hub_body"), 1.0)], config)
    tsquery, rank = _computed_once([tsquery, rank])
    entries = (
        IndexEntry.objects.alias(content_type_pk=F("content_type_id") + 0, vector=StoredVector("hub_lexemes"))
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
        rank and tie-break (newest document first). The rank is computed in a subquery that the
        planner keeps apart (`OFFSET 0`), so the sort holds three numbers per match, never the
        vectors the rank was read from (which it otherwise carries, spilling to disk)."""
        terms = SearchDocument.objects.filter(type="term", variants__icontains=variant_phrase(self.terms))
        pinned = Case(When(document_id__in=terms.values("pk"), then=Value(0)), default=Value(1))
        scored = (
            self.entries.filter(document_id__in=self.candidates.values("pk"))
            .annotate(pinned=pinned, score=self.rank)
            .order_by()
            .values("document_id", "pinned", "score")
        )
        sql, params = scored.query.sql_with_params()
        # Only the compiled subquery is formatted in; the limits are parameters.
        sql = (
            f"SELECT document_id FROM ({sql} OFFSET 0) AS scored "  # noqa: S608
            "ORDER BY pinned, score DESC, document_id DESC LIMIT %s OFFSET %s"
        )
        with connections[router.db_for_read(SearchDocument)].cursor() as cursor:
            cursor.execute(sql, [*params, stop - start if stop is not None else None, start])
            ids = [row[0] for row in cursor.fetchall()]
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
