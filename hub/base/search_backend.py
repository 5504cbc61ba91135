"""Choose modelsearch's backend for the configured Elasticsearch-family engine."""

import json
import logging
import urllib.request

from hub.base.patches import import_opensearchpy

logger = logging.getLogger(__name__)

# modelsearch's backends with a longer timeout for bulk indexing (search/backends/).
BACKENDS = {
    "elasticsearch8": "search.backends.elasticsearch8",
    "opensearch2": "search.backends.opensearch2",
}


def detect_engine(url, timeout=3):
    """Return "opensearch2" or "elasticsearch8" from the engine's root endpoint."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            info = json.load(response)
    except (OSError, ValueError):
        logger.warning("Search engine at %s did not answer; assuming Elasticsearch 8", url)
        return "elasticsearch8"
    version = info.get("version", {})
    if version.get("distribution") == "opensearch":
        return "opensearch2"
    return "elasticsearch8"


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


def engine_backend_settings(url, engine, index_prefix, timeout=5, bulk_timeout=60):
    engine = engine or detect_engine(url)
    if engine not in BACKENDS:
        raise ValueError(f"SEARCH_ENGINE must be one of {sorted(BACKENDS)}, not {engine!r}")
    return {
        "BACKEND": BACKENDS[engine],
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,  # a visitor's search: fail fast, the page then answers 503
        "BULK_TIMEOUT": bulk_timeout,  # update_index sends 500 documents a request
        "OPTIONS": {"serializer": json_serializer(engine)},
        "INDEX_SETTINGS": {},
    }
