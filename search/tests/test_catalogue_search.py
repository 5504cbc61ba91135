"""Methods, themes and collections as search results of their own types, on either search backend.

These run on SQLite with the database backend, and again on PostgreSQL + OpenSearch in CI, where
`refresh_search_engine()` makes what was just published searchable.
"""

from django.http import QueryDict

from wagtail.models import Locale

import pytest

from hub.base.models import Method, Theme
from hub.catalogue.factories import (
    MethodIndexPageFactory,
    MethodPageFactory,
    ReadingListIndexPageFactory,
    ReadingListPageFactory,
    ThemeIndexPageFactory,
    ThemePageFactory,
)
from search.engine import EngineFacetedSearch, faceted_search, uses_engine
from search.models import SearchDocument
from search.params import SearchParams
from search.tests.conftest import refresh_search_engine

pytestmark = pytest.mark.django_db

API = "/en/search/api/"


def facet(data, name):
    return {v["value"]: v["count"] for v in data["facets"][name]}


def titles(data):
    return sorted(r["title"] for r in data["results"])


@pytest.fixture
def catalogue(corpus, home):
    """The corpus, plus a page for its asset-mapping method and governance theme, and a collection."""
    mapping = Method.objects.get(slug="asset-mapping")
    mapping.alt_labels = "Community asset inventory"
    mapping.save()
    governance = Theme.objects.get(slug="governance")
    method = MethodPageFactory(
        parent=MethodIndexPageFactory(parent=home),
        method=mapping,
        title="Asset mapping",
        slug="asset-mapping",
        summary="Residents list what their community already has before they plan.",
        steps="<ol><li>Walk the village with a map</li><li>Mark every shared resource</li></ol>",
    )
    theme = ThemePageFactory(
        parent=ThemeIndexPageFactory(parent=home),
        theme=governance,
        title="Local governance",
        slug="governance",
        summary="How residents and councils share decisions.",
    )
    collection = ReadingListPageFactory(
        parent=ReadingListIndexPageFactory(parent=home),
        title="Start here: budgets with residents",
        intro="<p>Four readings for a council new to participatory budgets.</p>",
        items=[(corpus["budgets"], "The Osh calendar, step by step."), (method, "How to begin: map first.")],
    )
    for page in (method, theme, collection):
        page.save_revision().publish()
    refresh_search_engine()
    return {**corpus, "method": method, "theme": theme, "collection": collection}


def test_methods_themes_and_collections_are_types_of_their_own(client, catalogue):
    data = client.get(API).json()
    assert facet(data, "type") == {
        "member": 2,
        "chapter": 1,
        "paper": 2,
        "event": 1,
        "term": 1,
        "method": 1,
        "theme": 1,
        "collection": 1,
    }
    labels = {v["value"]: v["label"] for v in data["facets"]["type"]}
    assert (labels["method"], labels["theme"], labels["collection"]) == ("Method", "Theme", "Collection")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=method", ["Asset mapping"]),
        ("type=theme", ["Local governance"]),
        ("type=collection", ["Start here: budgets with residents"]),
        ("type=method&type=theme", ["Asset mapping", "Local governance"]),
    ],
)
def test_the_type_facet_selects_methods_themes_and_collections(client, catalogue, query, expected):
    data = client.get(API + "?" + query).json()
    assert titles(data) == expected
    assert {r["type_label"] for r in data["results"]} <= {"Method", "Theme", "Collection"}


def test_filtering_on_a_method_finds_its_own_page_beside_the_papers_using_it(client, catalogue):
    data = client.get(API, {"method": "asset-mapping"}).json()
    assert titles(data) == ["Asset mapping", "Flood maps drawn by villagers", "Participatory budgeting in Osh"]
    assert facet(data, "type") == {"method": 1, "paper": 2}


def test_a_method_filter_links_to_the_page_about_the_method(client, catalogue):
    html = client.get("/en/search/", {"method": "asset-mapping"}).content.decode()
    assert f'<a href="{catalogue["method"].url}">About Asset mapping</a>' in html
    html = client.get("/en/search/", {"type": "paper"}).content.decode()
    assert "About " not in html


def test_events_about_a_method_are_found_by_its_filter(client, catalogue):
    event = catalogue["webinar"]
    event.methods.set([Method.objects.get(slug="asset-mapping")])
    event.save_revision().publish()
    refresh_search_engine()
    data = client.get(API, {"method": "asset-mapping"}).json()
    assert facet(data, "type")["event"] == 1


def test_filtering_on_a_theme_finds_its_own_page_too(client, catalogue):
    data = client.get(API, {"theme": "governance"}).json()
    assert "Local governance" in titles(data)
    assert facet(data, "type")["theme"] == 1
    assert facet(data, "theme")["governance"] == 5  # the theme's page, a member, a paper, the webinar, the term


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("shared resource", "Asset mapping"),  # its steps
        ("asset inventory", "Asset mapping"),  # an alternative label of its record
        ("councils share decisions", "Local governance"),  # its summary
        ("Osh calendar", "Start here: budgets with residents"),  # a curator's note
    ],
)
def test_a_query_finds_catalogue_pages_by_their_text(client, catalogue, q, expected):
    assert expected in titles(client.get(API, {"q": q}).json())


def test_the_html_search_offers_the_new_types_as_facets_and_cards(client, catalogue):
    html = client.get("/en/search/", {"type": "method"}).content.decode()
    assert 'id="f-type-method"' in html
    assert 'name="type" value="method" checked' in html
    assert 'id="f-type-collection"' in html
    assert f'<a href="{catalogue["method"].url}">Asset mapping</a>' in html
    assert "Residents list what their community already has" in html


def test_drafts_and_unpublished_catalogue_pages_are_never_results(client, catalogue):
    MethodPageFactory(parent=catalogue["method"].get_parent(), title="Unfinished method", live=False)
    catalogue["theme"].unpublish()
    refresh_search_engine()
    data = client.get(API).json()
    assert "Unfinished method" not in titles(data)
    assert "theme" not in facet(data, "type")


def test_renaming_a_method_updates_its_pages_document(catalogue, django_capture_on_commit_callbacks):
    mapping = catalogue["method"].method
    with django_capture_on_commit_callbacks(execute=True):
        mapping.alt_labels = "Strengths inventory"
        mapping.save()
    assert "Strengths inventory" in SearchDocument.objects.get(page=catalogue["method"]).variants


@pytest.mark.searchengine
def test_the_engine_counts_and_filters_the_new_types_in_aggregations(catalogue):
    """On OpenSearch the types and the method facet come from the engine's aggregations."""
    assert uses_engine()
    params = SearchParams.from_querydict(QueryDict("method=asset-mapping"))
    search = faceted_search(params, Locale.get_default(), page_size=10)
    assert isinstance(search, EngineFacetedSearch)
    assert search.facet_counts()["type"] == {"method": 1, "paper": 2}
    assert sorted(document.title for document in search.results[0:10]) == [
        "Asset mapping",
        "Flood maps drawn by villagers",
        "Participatory budgeting in Osh",
    ]
