"""What a search costs beyond its results: one engine client for every search, the labels in one query."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

import pytest

from search.engine import faceted_search
from search.labels import facet_labels
from search.models import SearchDocument
from search.params import SearchParams

pytestmark = pytest.mark.django_db


def _engine(prefix):
    """An engine configuration; nothing listens there, and nothing here sends a request."""
    from hub.base.search_backend import import_opensearchpy

    import_opensearchpy()
    return {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        }
    }


def test_searches_share_one_engine_client(settings, home):
    """A new backend is a new client, and a new connection to the engine on its first request:
    modelsearch builds one per `get_search_backend()` call, the hub one per process."""
    from wagtail.search import backends

    settings.WAGTAILSEARCH_BACKENDS = _engine("shared_")
    locale = Locale.get_default()
    with mock.patch.object(backends, "get_search_backend", wraps=backends.get_search_backend) as built:
        searches = [faceted_search(SearchParams(query=q), locale, page_size=10) for q in ("water", "budgets", "")]
    assert built.call_count == 1
    assert len({id(search.backend.es) for search in searches}) == 1

    settings.WAGTAILSEARCH_BACKENDS = _engine("other_")
    other = faceted_search(SearchParams(query="water"), locale, page_size=10).backend
    assert other is not searches[0].backend
    assert other.get_index_for_model(SearchDocument).name.startswith("other_")


def test_facet_labels_of_every_taxonomy_in_one_query(corpus):
    corpus["alpha"].unpublish()
    en = Locale.objects.get(language_code="en")
    counts = {
        "theme": {"governance": 2, "climate": 1},
        "method": {"asset-mapping": 1},
        "sdg": {"13": 1},
        "member": {"alpha": 1, "beta": 1},
    }
    with CaptureQueriesContext(connection) as queries:
        labels = facet_labels(counts, en)
    assert labels["theme"] == {"governance": "Local governance", "climate": "Climate resilience"}
    assert labels["method"] == {"asset-mapping": "Asset mapping"}
    assert labels["sdg"] == {"13": "13. Climate action"}
    # An unpublished organisation is not named.
    assert labels["member"] == {"beta": "Beta Collective"}
    # The default locale (no request memo here), then the four taxonomies together.
    assert len(queries) <= 2, [q["sql"] for q in queries]
