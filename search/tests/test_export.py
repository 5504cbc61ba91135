"""The current search as CSV: the API's results in its order, bounded, and safe to open in a spreadsheet."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from members.factories import MemberPageFactory, PersonFactory
from resources.factories import PaperPageFactory
from resources.models import PaperAuthor
from search.export import MAX_ROWS
from search.tests.conftest import refresh_search_engine

pytestmark = pytest.mark.django_db

API = "/en/search/api/"
EXPORT = "/en/search/export.csv"


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cld-hub-search-')
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "budgeting"},
        {"q": "budgeting", "sort": "newest"},
        {"type": "paper"},
        {"theme": ["governance", "climate"], "country": "PE"},
        {"lang_scope": "all", "type": ["paper", "event"]},
    ],
)
def test_export_rows_match_the_api_results(client, corpus, params):
    expected = client.get(API, {**params, "page": 1}).json()
    exported = rows(client.get(EXPORT, params))
    assert len(exported) == expected["count"]  # the corpus fits on the API's first page
    assert [(row["title"], row["type"]) for row in exported] == [(r["title"], r["type"]) for r in expected["results"]]
    for row, result in zip(exported, expected["results"], strict=True):
        assert row["url"] == f"http://testserver{result['url']}"
        assert row["date"] == (result["date"] or "")
        assert row["countries"] == " ".join(result["countries"])


def test_export_says_its_bound_and_the_total(client, corpus):
    response = client.get(EXPORT, {"limit": 2})
    assert len(rows(response)) == 2
    assert response["X-Export-Row-Limit"] == str(MAX_ROWS)
    assert response["X-Total-Results"] == str(client.get(API).json()["count"])
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("limit", ["0", "-1", "1001", "ten", "1e3", ""])
def test_bad_limit_is_a_400_with_a_message(client, corpus, limit):
    response = client.get(EXPORT, {"limit": limit})
    assert response.status_code == 400
    assert "limit must be a whole number from 1 to 1000" in response.content.decode()


def test_unknown_parameters_are_ignored_as_by_the_api(client, corpus):
    assert rows(client.get(EXPORT, {"zzz": "1", "sdg": "99"})) == rows(client.get(EXPORT))


def test_export_lists_only_live_public_pages_of_the_active_locale(client, corpus):
    corpus["floods"].unpublish()
    refresh_search_engine()
    titles = [row["title"] for row in rows(client.get(EXPORT, {"type": "paper"}))]
    assert titles == ["Participatory budgeting in Osh"]
    assert rows(client.get("/fr/search/export.csv", {"type": "paper"})) == []


def test_cells_that_spreadsheets_would_run_are_escaped(client, corpus):
    paper = PaperPageFactory(
        parent=corpus["library"], title='=HYPERLINK("http://evil.example","Budgeting")', abstract="@SUM(A1:A9)"
    )
    paper.save_revision().publish()
    refresh_search_engine()
    (row,) = [row for row in rows(client.get(EXPORT, {"q": "HYPERLINK"}))]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Budgeting")'
    assert row["summary"] == "'@SUM(A1:A9)"


def test_search_page_links_to_the_export_of_the_same_search(client, corpus):
    response = client.get("/en/search/", {"q": "budgeting", "type": "paper"})
    assert 'href="/en/search/export.csv?q=budgeting&amp;type=paper"' in response.content.decode()
    assert "Download these results (CSV)" in response.content.decode()


def _publish_paper_by(paper, names, organisations):
    paper.authors = [PaperAuthor(person=PersonFactory(name=name)) for name in names]
    paper.organisations = organisations
    paper.save_revision().publish()


def test_paper_rows_give_authors_organisations_and_doi(client, corpus):
    members = corpus["alpha"].get_parent()
    hidden = MemberPageFactory(parent=members, title="Hidden Network")
    hidden.unpublish()
    budgets = corpus["budgets"]
    budgets.doi = "10.5555/osh.2021"
    _publish_paper_by(budgets, ["Nurlan Osmonov", "Aida Bekova"], [corpus["beta"], hidden, corpus["alpha"]])
    refresh_search_engine()

    by_title = {row["title"]: row for row in rows(client.get(EXPORT, {"lang_scope": "all"}))}
    paper = by_title["Participatory budgeting in Osh"]
    assert paper["authors"] == "Nurlan Osmonov; Aida Bekova"  # in the paper's order
    assert paper["organisations"] == "Alpha Alliance; Beta Collective"  # the unpublished one is not named
    assert paper["doi"] == "10.5555/osh.2021"
    floods = by_title["Flood maps drawn by villagers"]
    assert (floods["authors"], floods["organisations"]) == ("", "Beta Collective")


def test_rows_that_are_not_papers_leave_the_paper_columns_empty(client, corpus):
    exported = rows(client.get(EXPORT, {"type": ["event", "member", "term"]}))
    assert {row["type"] for row in exported} == {"event", "member", "term"}
    for row in exported:
        assert (row["authors"], row["organisations"], row["doi"]) == ("", "", "")


def test_export_queries_do_not_grow_with_the_number_of_papers(client, corpus):
    _publish_paper_by(corpus["budgets"], ["Nurlan Osmonov"], [corpus["alpha"]])
    refresh_search_engine()
    client.get(EXPORT, {"type": "paper"})  # caches (site, locales) warmed before counting
    with CaptureQueriesContext(connection) as two_papers:
        assert len(rows(client.get(EXPORT, {"type": "paper"}))) == 2
    for number in range(10):
        paper = PaperPageFactory(parent=corpus["library"], title=f"Scorecards {number}")
        _publish_paper_by(paper, [f"Author {number}a", f"Author {number}b"], [corpus["alpha"], corpus["beta"]])
    refresh_search_engine()
    with CaptureQueriesContext(connection) as twelve_papers:
        exported = rows(client.get(EXPORT, {"type": "paper"}))
    assert len(exported) == 12
    assert {row["authors"] for row in exported if row["title"] == "Scorecards 9"} == {"Author 9a; Author 9b"}
    assert len(twelve_papers) == len(two_papers)


def test_paper_columns_are_read_in_at_most_two_extra_queries(client, corpus):
    client.get(EXPORT, {"type": "event"})
    with CaptureQueriesContext(connection) as no_papers:
        rows(client.get(EXPORT, {"type": "event"}))
    with CaptureQueriesContext(connection) as papers:
        rows(client.get(EXPORT, {"type": "paper"}))
    assert len(papers) - len(no_papers) <= 2


def test_an_author_name_a_spreadsheet_would_run_is_escaped(client, corpus):
    _publish_paper_by(corpus["budgets"], ['=HYPERLINK("http://evil.example")', "Aida Bekova"], [corpus["alpha"]])
    refresh_search_engine()
    (row,) = [row for row in rows(client.get(EXPORT, {"q": "Osh"}))]
    assert row["authors"] == '\'=HYPERLINK("http://evil.example"); Aida Bekova'
