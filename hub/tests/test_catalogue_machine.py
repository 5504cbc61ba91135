"""Method, theme and collection pages for machines: the API v2, the sitemap, JSON-LD and OpenGraph."""

import pytest
from defusedxml import ElementTree

from hub.catalogue.factories import (
    MethodIndexPageFactory,
    MethodPageFactory,
    ReadingListIndexPageFactory,
    ReadingListPageFactory,
    ThemeIndexPageFactory,
    ThemePageFactory,
)
from hub.catalogue.models import MethodPageRelated
from hub.tests.test_api_seo import SITEMAP, parse_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(tree):
    method = tree["method"]
    method.alt_labels = "Citizen report cards"
    method.save()
    methods = MethodIndexPageFactory(parent=tree["home"], title="Methods")
    page = MethodPageFactory(
        parent=methods, method=method, title="Community scorecards", summary="Residents grade the services they use."
    )
    draft = MethodPageFactory(parent=methods, title="Draft method", live=False)
    page.related_items.add(MethodPageRelated(related_page=draft))
    page.save_revision().publish()
    themes = ThemeIndexPageFactory(parent=tree["home"], title="Themes")
    theme = ThemePageFactory(parent=themes, theme=tree["theme"], title="Local governance")
    collections = ReadingListIndexPageFactory(parent=tree["home"])
    collection = ReadingListPageFactory(
        parent=collections,
        title="Start here: community-led development",
        intro="<p>Three readings for a first week.</p>",
        items=[(tree["term"], "The words first."), (draft, "Not ready."), (page, "Then the scorecards.")],
    )
    collection.save_revision().publish()
    return {
        **tree,
        "methods": methods,
        "method_page": page,
        "themes": themes,
        "theme_page": theme,
        "collections": collections,
        "collection": collection,
        "draft": draft,
    }


def test_a_method_page_is_a_defined_term_in_the_catalogue_term_set(client, entries):
    (data,) = parse_page(client, entries["method_page"]).json_ld
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Community scorecards"
    assert data["description"] == "Residents grade the services they use."
    assert data["termCode"] == "community-scorecards"
    assert data["alternateName"] == ["Citizen report cards"]
    assert data["inDefinedTermSet"] == {
        "@type": "DefinedTermSet",
        "name": "Methods",
        "url": entries["methods"].get_full_url(),
    }


def test_the_catalogues_are_defined_term_sets_of_their_live_entries(client, entries):
    (data,) = parse_page(client, entries["methods"]).json_ld
    assert data["@type"] == "DefinedTermSet"
    assert [term["name"] for term in data["hasDefinedTerm"]] == ["Community scorecards"]
    (themes,) = parse_page(client, entries["themes"]).json_ld
    assert [term["termCode"] for term in themes["hasDefinedTerm"]] == ["local-governance"]


@pytest.mark.parametrize("key", ["method_page", "theme_page", "methods", "themes", "collections", "collection"])
def test_catalogue_pages_have_a_canonical_url_and_opengraph(client, entries, key):
    page = entries[key]
    head = parse_page(client, page)
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [page.get_full_url()]
    assert head.meta["og:url"] == page.get_full_url()
    assert head.meta["og:title"] == page.title
    assert head.meta["og:type"] == "website"
    assert head.meta["twitter:card"] == "summary"


def test_the_api_gives_a_method_page_its_record_and_only_live_related_methods(client, entries):
    data = client.get(f"/api/v2/pages/{entries['method_page'].pk}/").json()
    assert data["method"] == {"slug": "community-scorecards", "name": "Community scorecards"}
    assert data["summary"] == "Residents grade the services they use."
    assert [item["related_page"] for item in data["related_items"]] == [None]
    theme = client.get(f"/api/v2/pages/{entries['theme_page'].pk}/").json()
    assert theme["theme"] == {"slug": "local-governance", "name": "Local governance"}


@pytest.mark.parametrize(
    "page_type",
    [
        "catalogue.MethodIndexPage",
        "catalogue.MethodPage",
        "catalogue.ThemeIndexPage",
        "catalogue.ThemePage",
        "catalogue.ReadingListIndexPage",
        "catalogue.ReadingListPage",
    ],
)
def test_the_api_lists_every_catalogue_type_with_all_fields(client, entries, page_type):
    response = client.get(f"/api/v2/pages/?type={page_type}&fields=*")
    assert response.status_code == 200
    items = response.json()["items"]
    assert items
    assert "Draft method" not in response.content.decode()


def test_the_sitemap_lists_catalogue_pages_but_not_drafts(client, entries):
    response = client.get("/sitemap.xml")
    locations = {url.findtext(f"{SITEMAP}loc") for url in ElementTree.fromstring(response.content)}
    keys = ["methods", "method_page", "themes", "theme_page", "collections", "collection"]
    assert {entries[key].get_full_url() for key in keys} <= locations
    assert entries["draft"].get_full_url() not in locations


def test_a_collection_is_a_collection_page_with_an_ordered_item_list_of_live_pages(client, entries):
    head = parse_page(client, entries["collection"])
    (data,) = head.json_ld
    assert data["@type"] == "CollectionPage"
    assert data["description"] == "Three readings for a first week."
    entity = data["mainEntity"]
    assert entity["@type"] == "ItemList"
    assert entity["numberOfItems"] == 2
    assert [(e["position"], e["name"], e["description"]) for e in entity["itemListElement"]] == [
        (1, "Participatory planning", "The words first."),
        (2, "Community scorecards", "Then the scorecards."),
    ]
    assert head.meta["og:description"] == "Three readings for a first week."
