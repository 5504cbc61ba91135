"""PostgreSQL's database search and the Elasticsearch-family engine agree on the demo content."""

import re

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import Locale

import pytest

from search.engine import DatabaseFacetedSearch, EngineFacetedSearch
from search.params import FACETS, SearchParams
from search.tests.conftest import refresh_search_engine

# One worker runs them all (pytest-xdist --dist loadscope keeps a module on one worker), so the demo loads once per run.
pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.searchengine, pytest.mark.xdist_group("demo")]


class Params(dict):
    def getlist(self, key):
        value = self.get(key, [])
        return value if isinstance(value, list) else [value]


def _both(params, settings):
    english = Locale.get_default()
    engine = EngineFacetedSearch(params, english)
    engine_counts = engine.facet_counts()
    engine_titles = {d.title for d in engine.results[0 : engine.results.count()]}
    engine_backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    try:
        database = DatabaseFacetedSearch(params, english)
        database_counts = database.facet_counts()
        database_titles = {d.title for d in database.results}
    finally:
        settings.WAGTAILSEARCH_BACKENDS = engine_backends
    return (engine_counts, engine_titles), (database_counts, database_titles)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory, shared_search_engine_data):
    """The demo, loaded and indexed once for this module's tests, which only read it: in a transaction
    rolled back after the last of them (each test's own transaction is a savepoint inside it)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(BASE_DIR=tmp_path_factory.mktemp("demo")),
    ):
        shared_search_engine_data.start()
        call_command("load_demo", verbosity=0)
        call_command("update_index", verbosity=0)
        refresh_search_engine()
        # The same content in PostgreSQL's own full-text index, for the database side of the comparison.
        with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}}):
            call_command("update_index", verbosity=0)
        shared_search_engine_data.keep()
        yield
        shared_search_engine_data.end()
        transaction.set_rollback(True)


def test_browsing_gives_identical_facets_on_both(demo, settings):
    # Every value of every facet ("show all"): the engine's aggregations otherwise stop after the top ones.
    (engine_counts, engine_titles), (database_counts, database_titles) = _both(
        SearchParams.from_querydict(Params(all_facets=list(FACETS))), settings
    )
    assert engine_counts == database_counts
    assert engine_titles == database_titles
    # Titles, not pages: a method's page and the glossary term for it may share one.
    assert sum(engine_counts["type"].values()) >= len(engine_titles) > 50


@pytest.mark.parametrize("query", ["scorecard", "budget", "Kyrgyzstan", "municipalities"])
def test_queries_match_the_same_pages_on_both(demo, settings, query):
    params = SearchParams.from_querydict(Params(q=query))
    (_counts, engine_titles), (_db_counts, database_titles) = _both(params, settings)
    # PostgreSQL stems with its English dictionary and the engine with its own analyser, so the
    # edges differ ("scorecard" vs "scorecards"); every page that has the word itself in its title
    # is found by both, and most results are shared.
    assert engine_titles and database_titles
    word = re.compile(rf"\b{re.escape(query)}\b", re.IGNORECASE)
    exact = {title for title in engine_titles | database_titles if word.search(title)}
    assert exact <= engine_titles and exact <= database_titles, (query, exact)
    overlap = len(engine_titles & database_titles) / len(engine_titles | database_titles)
    assert overlap >= 0.4, (query, engine_titles ^ database_titles)
