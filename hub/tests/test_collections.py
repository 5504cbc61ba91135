"""Curated collections: what a visitor sees in one, where they are listed, and what survives a deletion."""

import json

from wagtail.models import Locale, PageViewRestriction

import pytest
from defusedxml import ElementTree

from hub.catalogue.factories import ReadingListIndexPageFactory, ReadingListPageFactory
from hub.catalogue.models import ReadingListItem, ReadingListPage
from resources.factories import PaperPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(tree):
    """A collection of a paper, a term, an event, a draft and a private paper, in that order."""
    draft = PaperPageFactory(parent=tree["library"], title="Draft reading", live=False)
    private = PaperPageFactory(parent=tree["library"], title="Members-only reading")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="letmein")
    index = ReadingListIndexPageFactory(parent=tree["home"])
    page = ReadingListPageFactory(
        parent=index,
        title="Start here: community-led development",
        intro="<p>Three readings for a first week.</p>",
        items=[
            (tree["term"], "The words first."),
            (draft, "Not ready yet."),
            (tree["paper"], "A method in practice."),
            (private, "For members only."),
            (tree["event"], "Then meet the chapter."),
        ],
    )
    page.save_revision().publish()
    return {**tree, "collections": index, "collection": page, "draft": draft, "private": private}


def texts_in_order(html, *texts):
    positions = [html.index(text) for text in texts]
    return positions == sorted(positions)


def test_a_collection_shows_its_live_public_items_in_order_with_their_notes(client, collection):
    html = client.get(collection["collection"].url).content.decode()
    assert texts_in_order(
        html, "Participatory planning", "The words first.", "Community scorecards in practice", "Peru chapter webinar"
    )
    assert "Then meet the chapter." in html
    for hidden in ("Draft reading", "Not ready yet.", "Members-only reading", "For members only."):
        assert hidden not in html


def test_a_collection_survives_the_deletion_of_one_of_its_pages(client, collection):
    collection["term"].delete()
    page = ReadingListPage.objects.get(pk=collection["collection"].pk)
    assert page.items.count() == 4
    response = client.get(page.url)
    assert response.status_code == 200
    assert "The words first." not in response.content.decode()
    assert "Community scorecards in practice" in response.content.decode()
    # The revision taken before the deletion still publishes: the missing page's row is dropped.
    page.get_latest_revision().publish()
    assert ReadingListItem.objects.filter(reading_list=page).count() == 4


def test_a_translated_collection_shows_translations_and_badges_untranslated_items(client, collection):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    paper_fr = collection["paper"].copy_for_translation(french, copy_parents=True)
    paper_fr.title = "Les fiches d'évaluation en pratique"
    paper_fr.save_revision().publish()
    collection_fr = collection["collection"].copy_for_translation(french, copy_parents=True)
    collection_fr.title = "Pour commencer"
    collection_fr.save_revision().publish()
    html = client.get(collection_fr.url).content.decode()
    assert "Les fiches d'évaluation en pratique" in html
    assert "Community scorecards in practice" not in html
    # The term exists in English only: shown in English, with its language named.
    assert 'lang="en">Participatory planning</a>' in html
    assert '<span class="badge"' in html and ">English</span>" in html


def test_the_collections_index_lists_live_collections_and_links_the_feeds(client, collection):
    ReadingListPageFactory(parent=collection["collections"], title="Unfinished toolkit", live=False)
    html = client.get(collection["collections"].url).content.decode()
    assert "Start here: community-led development" in html
    assert "Three readings for a first week." in html
    assert "Unfinished toolkit" not in html
    assert 'href="/en/feeds/collections.rss"' in html
    assert 'href="/en/feeds/collections.atom"' in html


def test_the_home_page_links_the_collections(client, collection):
    html = client.get(collection["home"].url).content.decode()
    assert f'<a href="{collection["collections"].url}">All collections</a>' in html
    assert "Start here: community-led development" in html


def test_the_home_page_has_no_collections_section_without_an_index(client, tree):
    assert "All collections" not in client.get(tree["home"].url).content.decode()


@pytest.mark.parametrize("url", ["/en/feeds/collections.rss", "/en/feeds/collections.atom"])
def test_feeds_list_live_collections(client, collection, url):
    ReadingListPageFactory(parent=collection["collections"], title="Unfinished toolkit", live=False)
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Start here: community-led development" in content
    assert "Three readings for a first week." in content
    assert "Unfinished toolkit" not in content
    ElementTree.fromstring(response.content)  # well-formed


def test_the_api_gives_a_collections_items_with_notes_and_leaves_out_unpublished_pages(client, collection):
    page = collection["collection"]
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["meta"]["type"] == "catalogue.ReadingListPage"
    items = [(item["item_page"]["title"], item["note"]) for item in data["items"]]
    # As the page shows it: the draft and the private page are left out with their notes.
    assert items == [
        ("Participatory planning", "The words first."),
        ("Community scorecards in practice", "A method in practice."),
        ("Peru chapter webinar", "Then meet the chapter."),
    ]
    assert "For members only." not in json.dumps(data)
    assert all(item["item_page"]["html_url"].startswith("http") for item in data["items"])
    listing = client.get("/api/v2/pages/?type=catalogue.ReadingListPage&fields=*").json()
    assert [item["title"] for item in listing["items"]] == ["Start here: community-led development"]


def test_a_collections_summary_is_its_introduction_as_plain_text(collection):
    page = collection["collection"]
    page.intro = "<p>Funders &amp; councils</p><p>Read in <b>this</b> order.</p>"
    assert page.summary_text() == "Funders & councils Read in this order."
