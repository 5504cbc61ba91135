"""The engine's index settings that come from the hub's configuration (hub/base/search_backend.py)."""

from django.core.exceptions import ImproperlyConfigured

import pytest

from hub.base.search_backend import engine_backend_settings


def _index(params):
    return params["INDEX_SETTINGS"].get("settings", {}).get("index", {})


def test_concurrent_segment_search_is_an_opensearch_option_off_by_default():
    assert _index(engine_backend_settings("http://x:9200", "opensearch2", "p_")) == {}
    assert _index(engine_backend_settings("http://x:9200", "opensearch2", "p_", concurrent_segments="auto")) == {
        "search.concurrent_segment_search.mode": "auto"
    }
    assert _index(engine_backend_settings("http://x:9200", "opensearch2", "p_", concurrent_segments="all")) == {
        "search.concurrent_segment_search.mode": "all"
    }
    # Elasticsearch has no such index setting.
    assert _index(engine_backend_settings("http://x:9200", "elasticsearch8", "p_", concurrent_segments="auto")) == {}


def test_an_unknown_concurrent_segment_mode_is_refused_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="SEARCH_CONCURRENT_SEGMENTS"):
        engine_backend_settings("http://x:9200", "opensearch2", "p_", concurrent_segments="yes")


@pytest.mark.searchengine
def test_the_engine_creates_the_hubs_index_with_concurrent_segment_search_when_asked():
    """The setting reaches the engine and the engine accepts it: an index of its own, made as update_index does."""
    from django.conf import settings

    from wagtail.search.backends import get_search_backend

    from search.models import SearchDocument

    if settings.SEARCH_ENGINE != "opensearch2":
        pytest.skip(f"concurrent segment search is an OpenSearch setting; the engine here is {settings.SEARCH_ENGINE}")
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    params = engine_backend_settings(
        default["URLS"][0], "opensearch2", f"{default['INDEX_PREFIX']}segments_", concurrent_segments="auto"
    )
    backend = get_search_backend(params.pop("BACKEND"), **params)
    index = backend.get_index_for_model(SearchDocument)
    index.put()
    try:
        found = backend.es.indices.get_settings(index=index.name, flat_settings=True)
        assert next(iter(found.values()))["settings"]["index.search.concurrent_segment_search.mode"] == "auto"
    finally:
        index.delete()
