"""RSS and Atom feeds of papers, per language, read back with an XML parser."""

from wagtail.models import Locale

import pytest
from defusedxml import ElementTree

from resources.factories import PaperPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return {item.findtext("title"): item for item in channel.findall("item")}


def test_papers_rss_gives_title_link_abstract_author_and_themes(client, tree):
    paper = tree["paper"]
    items = rss_items(client.get("/en/feeds/papers.rss"))
    assert set(items) == {"Community scorecards in practice"}
    item = items["Community scorecards in practice"]
    assert item.findtext("link") == paper.get_full_url()
    assert item.findtext("description") == paper.abstract
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Amina Odhiambo"
    assert [category.text for category in item.findall("category")] == ["Local governance"]
    assert item.findtext("pubDate").startswith("Thu, 04 May 2023")


def test_papers_atom_is_valid_atom(client, tree):
    response = client.get("/en/feeds/papers.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Community scorecards in practice"
    assert entry.find(f"{ATOM}link").get("href") == tree["paper"].get_full_url()
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Amina Odhiambo"


def test_papers_feed_follows_the_language_of_the_url(client, tree):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    translation = tree["paper"].copy_for_translation(french, copy_parents=True)
    translation.title = "Les fiches d'évaluation communautaire en pratique"
    translation.save_revision().publish()
    assert set(rss_items(client.get("/fr/feeds/papers.rss"))) == {"Les fiches d'évaluation communautaire en pratique"}
    assert set(rss_items(client.get("/en/feeds/papers.rss"))) == {"Community scorecards in practice"}


def test_drafts_and_unpublished_edits_stay_out_of_paper_feeds(client, tree):
    draft = PaperPageFactory.build(title="Unpublished findings", slug="unpublished-findings", live=False)
    tree["library"].add_child(instance=draft)
    paper = tree["paper"]
    paper.title = "Unpublished new title"
    paper.save_revision()
    for url in ("/en/feeds/papers.rss", "/en/feeds/papers.atom"):
        content = client.get(url).content.decode()
        assert "Unpublished findings" not in content
        assert "Unpublished new title" not in content


def test_paper_library_advertises_its_feeds(client, tree):
    html = client.get(tree["library"].url).content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Papers (RSS)" href="/en/feeds/papers.rss">' in html
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Papers (Atom)" href="/en/feeds/papers.atom">' in html
    )
