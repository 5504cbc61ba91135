"""Anonymous visitors get pages from the cache; editors, previews and changed content never get stale ones."""

from django.core.cache import cache

from wagtail.models import PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_a_repeat_visit_is_answered_from_the_cache_without_queries(client, tree, django_assert_num_queries):
    first = client.get(tree["paper"].url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(tree["paper"].url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "Community scorecards in practice" in second.content.decode()


def test_head_is_answered_from_a_cached_get(client, tree):
    client.get(tree["paper"].url)
    assert client.head(tree["paper"].url)["X-Cache"] == "hit"


def test_the_query_string_is_part_of_the_key(client, tree):
    client.get(tree["library"].url)
    assert client.get(tree["library"].url + "?page=2")["X-Cache"] == "miss"
    assert client.get(tree["library"].url)["X-Cache"] == "hit"


def test_publishing_a_change_shows_it_at_once(client, tree):
    paper = tree["paper"]
    client.get(paper.url)
    client.get(tree["library"].url)
    paper.title = "Scorecards revisited"
    paper.save_revision().publish()
    response = client.get(paper.url)
    assert response["X-Cache"] == "miss"
    assert "Scorecards revisited" in response.content.decode()
    assert "Scorecards revisited" in client.get(tree["library"].url).content.decode()


def test_saving_a_draft_keeps_the_cached_page(client, tree):
    paper = tree["paper"]
    client.get(paper.url)
    paper.title = "Draft title"
    paper.save_revision()
    response = client.get(paper.url)
    assert response["X-Cache"] == "hit"
    assert "Draft title" not in response.content.decode()


def test_unpublishing_removes_the_page_and_its_listing(client, tree):
    paper = tree["paper"]
    client.get(paper.url)
    client.get(tree["library"].url)
    paper.unpublish()
    assert client.get(paper.url).status_code == 404
    assert "Community scorecards in practice" not in client.get(tree["library"].url).content.decode()


def test_moving_a_page_invalidates_the_pages_linking_to_it(client, tree):
    term = tree["term"]
    old_url = term.url
    client.get(tree["glossary"].url)
    term.move(tree["library"], pos="last-child")
    term.refresh_from_db()
    response = client.get(tree["glossary"].url)
    assert response["X-Cache"] == "miss"
    html = response.content.decode()
    assert f'href="{term.url}"' in html
    assert f'href="{old_url}"' not in html


def test_deleting_a_page_invalidates(client, tree):
    client.get(tree["events"].url)
    tree["past_event"].delete()
    response = client.get(tree["events"].url)
    assert response["X-Cache"] == "miss"
    assert "Localisation seminar" not in response.content.decode()


def test_renaming_a_taxonomy_term_invalidates(client, tree):
    client.get(tree["paper"].url)
    method = tree["paper"].methods.get()
    method.name = "Citizen report cards"
    method.save()
    assert "Citizen report cards" in client.get(tree["paper"].url).content.decode()


def test_editing_a_glossary_variant_invalidates(client, tree):
    term = tree["term"]
    client.get(term.url)
    variant = term.variants.get()
    variant.label = "Village mapping"
    variant.save()
    assert "Village mapping" in client.get(term.url).content.decode()


def test_a_signed_in_editor_never_gets_or_fills_the_cache(client, admin_client, tree):
    url = tree["paper"].url
    editor = admin_client.get(url)
    assert editor.status_code == 200
    assert "X-Cache" not in editor
    assert client.get(url)["X-Cache"] == "miss"  # the editor's page was not stored
    again = admin_client.get(url)
    assert "X-Cache" not in again
    assert "wagtail-userbar" in again.content.decode()  # the editor's own render, not the visitor's


def test_previews_are_never_cached(admin_client, tree):
    paper = tree["paper"]
    paper.title = "Unpublished draft"
    paper.save_revision()
    response = admin_client.get(f"/admin/pages/{paper.pk}/view_draft/")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "Unpublished draft" in response.content.decode()


def test_search_results_with_a_query_are_not_stored(client, home):
    response = client.get("/en/search/?q=scorecards")
    assert response.get("X-Cache") == "skip"
    assert client.get("/en/search/?q=scorecards").get("X-Cache") == "skip"


def test_a_page_under_a_view_restriction_is_never_stored(client, tree):
    PageViewRestriction.objects.create(page=tree["library"], restriction_type="password", password="secret")
    response = client.get(tree["paper"].url)
    assert response.get("X-Cache") == "skip"
    assert "Community scorecards in practice" not in response.content.decode()


def test_cached_pages_vary_on_cookie_and_prefixed_urls_not_on_accept_language(client, tree):
    response = client.get(tree["paper"].url)
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert "cookie" in vary
    assert "accept-language" not in vary  # the language comes from the /en/ prefix
    french = client.get(tree["paper"].url, headers={"accept-language": "fr"})
    assert french["X-Cache"] == "hit"


def test_the_root_redirects_by_accept_language_and_is_not_cached(client, tree):
    french = client.get("/", headers={"accept-language": "fr"})
    english = client.get("/", headers={"accept-language": "en"})
    assert french.status_code == english.status_code == 302
    assert french["Location"].startswith("/fr/")
    assert english["Location"].startswith("/en/")
    assert "accept-language" in french["Vary"].lower()
    assert french.get("X-Cache") == "skip"
