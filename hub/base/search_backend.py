"""Choose modelsearch's backend for the Elasticsearch-family engine named by SEARCH_ENGINE.

Nothing here touches the network: settings load on every app server, worker and management
command, and an engine that is down at that moment must not pick the wrong client for the life of
the process. The engine is named, never detected (docs/deployment.md).
"""

from django.core.exceptions import ImproperlyConfigured

from hub.base.patches import import_opensearchpy

# modelsearch's backends with a longer timeout for bulk indexing (search/backends/).
BACKENDS = {
    "elasticsearch8": "search.backends.elasticsearch8",
    "opensearch2": "search.backends.opensearch2",
}


def _country_code(value):
    from django_countries.fields import Country

    return value.code if isinstance(value, Country) else None


def json_serializer(engine):
    """The client's JSON serializer, taught that a django-countries Country is sent as its code.

    CountryFields used as FilterFields (member headquarters, chapter country) would
    otherwise stop every save of those pages from reaching the engine.
    """
    if engine == "opensearch2":
        import_opensearchpy()
        from opensearchpy.serializer import JSONSerializer
    else:
        from elasticsearch.serializer import JsonSerializer as JSONSerializer

    class HubJSONSerializer(JSONSerializer):
        def default(self, data):
            code = _country_code(data)
            return code if code is not None else super().default(data)

    return HubJSONSerializer()


# OpenSearch's concurrent segment search (2.17 and later): `auto` searches a shard's segments in
# parallel for requests with aggregations, which is every faceted search. Off by default: at 10,000
# and 100,000 pages it made no search faster (bench/concurrent_segments.py, docs/benchmarks.md); an engine older
# than 2.17 refuses the setting.
CONCURRENT_SEGMENT_MODES = ("none", "auto", "all")


def engine_backend_settings(url, engine, index_prefix, timeout=5, bulk_timeout=60, concurrent_segments="none"):
    if not engine:
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_URL is set, so SEARCH_ENGINE must name the engine: one of {', '.join(sorted(BACKENDS))}"
        )
    if engine not in BACKENDS:
        raise ImproperlyConfigured(f"SEARCH_ENGINE must be one of {', '.join(sorted(BACKENDS))}, not {engine!r}")
    index_settings = {}
    if engine == "opensearch2":
        if concurrent_segments not in CONCURRENT_SEGMENT_MODES:
            raise ImproperlyConfigured(
                f"SEARCH_CONCURRENT_SEGMENTS must be one of {', '.join(CONCURRENT_SEGMENT_MODES)}, "
                f"not {concurrent_segments!r}"
            )
        if concurrent_segments != "none":
            # An index setting, so it travels with the hub's indexes to any cluster (created by update_index).
            mode = {"search.concurrent_segment_search.mode": concurrent_segments}
            index_settings = {"settings": {"index": mode}}
    return {
        "BACKEND": BACKENDS[engine],
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,  # a visitor's search: fail fast, the page then answers 503
        "BULK_TIMEOUT": bulk_timeout,  # update_index sends 500 documents a request
        "OPTIONS": {"serializer": json_serializer(engine)},
        "INDEX_SETTINGS": index_settings,
    }
