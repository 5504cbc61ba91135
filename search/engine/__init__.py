"""Faceted search over SearchDocuments: full text, disjunctive facet counts, sorting.

On the database backends (SQLite FTS5, PostgreSQL) the match is a subquery, so every facet is
counted in one GROUP BY query over it (`database.py`); on the Elasticsearch-family engine the
counts are aggregations (`searchengine.py`). Either way a request costs a fixed number of queries.
"""

from .base import WORD, SearchUnavailable, engine_backend
from .database import DatabaseFacetedSearch
from .searchengine import EngineFacetedSearch
from .text import also_called, highlight, snippet

__all__ = [
    "WORD",
    "engine_backend",
    "DatabaseFacetedSearch",
    "EngineFacetedSearch",
    "SearchUnavailable",
    "also_called",
    "faceted_search",
    "highlight",
    "snippet",
    "uses_engine",
]


def uses_engine():
    return engine_backend() is not None


def faceted_search(params, locale, page_size=None):
    """The search for `params`; `page_size` lets the engine fetch the requested page with the counts."""
    if uses_engine():
        return EngineFacetedSearch(params, locale, page_size=page_size)
    return DatabaseFacetedSearch(params, locale)
