"""PostgreSQL's own full-text search (no engine): our match and ranking give modelsearch's results.

`search/engine/database.py` builds the PostgreSQL query itself so a common word stays fast (the
planner kept off the content-type index, the tsquery computed once, the match and the rank read
from columns hub/base/migrations/0008 keeps in the row: search/DESIGN.md); these tests check that
it finds, counts and orders exactly what modelsearch's own query does. They need PostgreSQL (CI's
services suite); elsewhere they skip.
"""

import datetime
import re

from django.db import connection
from django.http import QueryDict

from wagtail.models import Locale

import pytest

from search.engine import DatabaseFacetedSearch
from search.params import SearchParams
from search.tests.test_engine import reference

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# "annual cooperatives": one word only in a title, the other only in that document's body.
QUERIES = [
    "budgeting",
    "villagers",
    "maps",
    "budget circles",
    "cooperatives",
    "savings groups",
    "annual cooperatives",
    "the",
]


@pytest.fixture
def database_search(settings):
    """PostgreSQL's full-text search as the search backend, before any page is published."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.fixture
def pages(database_search, corpus):
    """The search corpus and two papers on one word: the older has it in its title, the newer only
    in its abstract (indexed by PostgreSQL: the backend was chosen first)."""
    from resources.factories import PaperPageFactory

    for title, abstract, year in [
        ("Cooperatives in the Andes", "Savings groups and shared tools in mountain villages.", 2012),
        ("Annual review of savings groups", "Notes on cooperatives, savings groups and village banks.", 2024),
    ]:
        page = PaperPageFactory(
            parent=corpus["library"], title=title, abstract=abstract, publication_date=datetime.date(year, 1, 1)
        )
        page.save_revision().publish()
    return corpus


def search(query):
    return DatabaseFacetedSearch(SearchParams.from_querydict(QueryDict(query)), Locale.get_default())


@pytest.mark.parametrize("query", QUERIES)
def test_relevance_order_is_modelsearchs_own(pages, query):
    from search.models import SearchDocument

    documents = SearchDocument.objects.filter(locale=Locale.get_default()).search(query, operator="and")
    expected = [d.title for d in documents]
    found = search(f"q={query}")
    assert [d.title for d in found.results[0:100]] == expected
    assert found.results.count() == len(expected)
    # Every page of a ranked list follows on from the last: no gap, no repeat; and the whole list.
    assert [d.title for d in found.results[0:1]] + [d.title for d in found.results[1:100]] == expected
    assert [d.title for d in found.results] == expected


@pytest.mark.parametrize(
    "query",
    [
        "q=budgeting",
        "q=budgeting&type=term&theme=governance",
        "q=villagers&country=PE",
        "q=maps&method=asset-mapping&year=2023",
        "q=budgeting&sort=newest&theme=climate",
        "q=cooperatives&type=paper",
        "q=nothing+matches+this",
    ],
)
def test_counts_and_results_match_a_reference(pages, query):
    english = Locale.get_default()
    params = SearchParams.from_querydict(QueryDict(query))
    found = DatabaseFacetedSearch(params, english)
    titles, counts = reference(params, english)
    assert found.facet_counts() == counts
    assert found.results.count() == len(titles)
    assert {d.title for d in found.results[0:100]} == titles


def test_an_in_house_label_still_ranks_its_term_first(pages):
    assert [d.title for d in search("q=budget+circles").results[0:1]] == ["Participatory budgeting"]


def test_the_match_cannot_drive_from_the_content_type_index(pages):
    """The content-type test is written so no index serves it, leaving the GIN index of the lexemes."""
    found = search("q=savings")
    sql = str(found.matched.query)
    assert '"content_type_id" + 0' in sql
    assert re.search(r'\w+\."hub_lexemes" @@', sql), sql
    assert connection.vendor == "postgresql"


def test_the_tsquery_is_computed_once(pages):
    """A `to_tsquery(...)` call in the match or the rank is evaluated again for every entry tested."""
    found = search("q=savings+groups")
    ranked = found.entries.annotate(score=found.rank).values("document_id", "score").query
    for sql in (str(found.matched.query), str(ranked)):
        assert "to_tsquery" not in sql
        assert "('group' & 'save'::tsquery)" in sql, sql  # computed by PostgreSQL: English stems


def test_the_stored_columns_follow_every_index_write(pages):
    """The lexemes and body copy the match and the rank read are PostgreSQL's own, for every entry,
    including one rewritten when its page is published again."""
    from resources.models import PaperPage

    paper = PaperPage.objects.get(title="Cooperatives in the Andes")
    paper.title = "Cooperatives of the high Andes"
    paper.save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE hub_lexemes = strip(title || body) AND hub_body = body) "
            "FROM wagtailsearch_indexentry"
        )
        total, in_step = cursor.fetchone()
    assert total > 10
    assert in_step == total
    assert [d.title for d in search("q=high+andes").results] == ["Cooperatives of the high Andes"]


def test_the_planner_has_statistics_on_facet_and_value_together():
    """search/migrations/0004: without them PostgreSQL multiplied the two columns' selectivities, expected
    one document for two selections where there were a thousand, and joined them to a common word's
    matches in a nested loop (8 s at 50,000 pages instead of 1 s)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT stxkind FROM pg_statistic_ext WHERE stxname = 'search_facet_value_stats'")
        row = cursor.fetchone()
    assert row is not None, "the extended statistics are missing"
    assert {"m", "f"} <= set(row[0]), "MCV list and functional dependencies of (facet, value)"
