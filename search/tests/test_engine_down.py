"""With the search engine unreachable, search says so politely and the rest of the hub works."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_engine(settings):
    from hub.base.search_backend import import_opensearchpy

    import_opensearchpy()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": ["http://127.0.0.1:9"],  # discard port: nothing listens
            "INDEX_PREFIX": "unreachable_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        }
    }


def test_search_answers_503_with_a_friendly_message(client, tree, dead_engine):
    response = client.get("/en/search/", {"q": "budgets", "type": "paper"})
    assert response.status_code == 503
    assert "Search is unavailable at the moment" in response.content.decode()
    api = client.get("/en/search/api/", {"q": "budgets"})
    assert api.status_code == 503
    assert "unavailable" in api.json()["error"]


def test_autocomplete_stays_quiet(client, tree, dead_engine):
    response = client.get("/en/search/autocomplete/", {"q": "budg"})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []


def test_every_other_page_still_answers(client, tree, dead_engine):
    for key in ("home", "member", "chapter", "term", "paper", "event", "glossary", "library", "events"):
        assert client.get(tree[key].url).status_code == 200, key


def test_editors_can_still_publish(tree, dead_engine):
    from search.models import SearchDocument

    paper = tree["paper"]
    paper.title = "Scorecards, second edition"
    paper.save_revision().publish()
    paper.refresh_from_db()
    assert paper.title == "Scorecards, second edition"
    assert SearchDocument.objects.get(page=paper).title == "Scorecards, second edition"
