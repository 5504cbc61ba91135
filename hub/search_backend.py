"""Choose modelsearch's backend for the configured Elasticsearch-family engine."""

import json
import logging
import urllib.request

logger = logging.getLogger(__name__)

BACKENDS = {
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "opensearch2": "wagtail.search.backends.opensearch2",
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


def engine_backend_settings(url, engine, index_prefix):
    engine = engine or detect_engine(url)
    if engine not in BACKENDS:
        raise ValueError(f"SEARCH_ENGINE must be one of {sorted(BACKENDS)}, not {engine!r}")
    return {
        "BACKEND": BACKENDS[engine],
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
