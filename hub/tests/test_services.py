"""The production profile's servers: PostgreSQL full-text search and an Elasticsearch-family engine.

These run with `make test-services` (and in CI); on SQLite they skip with the reason in the summary.
"""

from django.db import connection, transaction

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from members.models import ChapterPage, MemberPage

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_database_search_filters_with_the_expression_of_the_title_body_gin_index():
    """modelsearch filters on ("title" || "body") @@ tsquery; hub 0003 indexes exactly that expression."""
    backend = get_search_backend("wagtail.search.backends.database")
    sql, params = backend.search("scorecards", Page.objects.live()).get_queryset().query.sql_with_params()
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'hub_search_title_body_gin'")
        (definition,) = cursor.fetchone()
        assert "USING gin (((title || body)))" in definition

        with transaction.atomic():
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('scorecards')"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "hub_search_title_body_gin" in plan


@pytest.mark.searchengine
def test_published_pages_are_found_through_the_search_engine_in_the_runs_own_index(tree, search_engine):
    backend = get_search_backend()
    assert backend.get_index_for_model(Page).name.startswith(search_engine.prefix)
    assert search_engine.prefix.startswith("test_cldhub_")
    search_engine.refresh()

    assert [page.pk for page in backend.search("scorecards", Page.objects.live())] == [tree["paper"].pk]
    # Country filter fields (chapter country, member headquarters) reach the engine as codes.
    chapters = backend.search("Peru", ChapterPage.objects.live().filter(country="PE"))
    assert [page.pk for page in chapters] == [tree["chapter"].pk]
    assert tree["member"].pk in [page.pk for page in backend.search("Village", MemberPage.objects.live())]
