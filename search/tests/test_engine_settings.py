"""The engine's index settings that come from the hub's configuration (hub/base/search_backend.py)."""

from django.core.exceptions import ImproperlyConfigured

import pytest

from hub.base.search_backend import engine_backend_settings


def _index(params):
    return params["INDEX_SETTINGS"].get("settings", {}).get("index", {})


def test_opensearch_indexes_search_their_segments_concurrently_unless_told_not_to():
    assert _index(engine_backend_settings("http://x:9200", "opensearch2", "p_")) == {
        "search.concurrent_segment_search.mode": "auto"
    }
    assert _index(engine_backend_settings("http://x:9200", "opensearch2", "p_", concurrent_segments="all")) == {
        "search.concurrent_segment_search.mode": "all"
    }
    # An engine older than OpenSearch 2.17 refuses the setting: `none` leaves it out.
    assert _index(engine_backend_settings("http://x:9200", "opensearch2", "p_", concurrent_segments="none")) == {}
    # Elasticsearch has no such index setting.
    assert _index(engine_backend_settings("http://x:9200", "elasticsearch8", "p_")) == {}


def test_an_unknown_concurrent_segment_mode_is_refused_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="SEARCH_CONCURRENT_SEGMENTS"):
        engine_backend_settings("http://x:9200", "opensearch2", "p_", concurrent_segments="yes")


@pytest.mark.searchengine
@pytest.mark.django_db
def test_the_hubs_search_index_is_created_with_concurrent_segment_search(tree):
    from django.conf import settings

    from search.engine.base import engine_backend
    from search.models import SearchDocument

    if settings.SEARCH_ENGINE != "opensearch2":
        pytest.skip(f"concurrent segment search is an OpenSearch setting; the engine here is {settings.SEARCH_ENGINE}")
    backend = engine_backend()
    name = backend.get_index_for_model(SearchDocument).name
    found = backend.es.indices.get_settings(index=name, flat_settings=True)
    index_settings = next(iter(found.values()))["settings"]
    assert index_settings["index.search.concurrent_segment_search.mode"] == "auto"
