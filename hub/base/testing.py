"""Helpers for tests of any app."""

from wagtail.search.backends import get_search_backend


def refresh_search_engine():
    """On an Elasticsearch-family engine, make what was just indexed searchable (every index of this run)."""
    backend = get_search_backend()
    if hasattr(backend, "es"):
        backend.es.indices.refresh(index=f"{backend.index_prefix}*")
