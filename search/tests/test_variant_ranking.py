"""An in-house label finds its shared glossary term first, on whichever backend the run uses
(the database backend by default; OpenSearch with SEARCH_ENGINE=opensearch2, see README)."""

import pytest
from bs4 import BeautifulSoup

from search.tests.conftest import refresh_search_engine

pytestmark = pytest.mark.django_db

API = "/en/search/api/"


@pytest.fixture
def competing(corpus):
    """A paper that itself mentions the in-house label, in its abstract and body."""
    from resources.factories import PaperPageFactory

    paper = PaperPageFactory(
        parent=corpus["library"],
        title="What councils learnt from residents",
        abstract="Beta Collective runs citizen budget circles in twelve wards; this paper reports on them.",
        body=[("paragraph", "<p>Citizen budget circles meet monthly.</p>")],
    )
    paper.save_revision().publish()
    refresh_search_engine()
    return paper


@pytest.mark.parametrize("q", ["citizen budget circles", "Citizen Budget Circles", "budget circles"])
def test_an_in_house_label_ranks_the_shared_term_above_pages_that_mention_it(client, competing, q):
    results = client.get(API, {"q": q}).json()["results"]
    titles = [result["title"] for result in results]
    assert titles[0] == "Participatory budgeting"
    assert competing.title in titles
    assert results[0]["also_called"] == [{"label": "Citizen budget circles", "by": "Beta Collective"}]

    html = client.get("/en/search/", {"q": q}).content.decode()
    first = BeautifulSoup(html, "html.parser").select_one(".result")
    assert "Participatory budgeting" in first.get_text()
    assert "Also called “Citizen budget circles” by Beta Collective" in first.get_text()
