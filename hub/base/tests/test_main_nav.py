"""The main navigation: the live, public pages in menus below the home page of the visitor's language."""

import re

from wagtail.models import Locale, PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db


def nav_titles(html):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.DOTALL).group(0)
    return re.findall(r">([^<>]+)</a>", nav)


@pytest.fixture
def menus(tree):
    for key in ("member_index", "chapter_index", "glossary", "library", "events"):
        tree[key].show_in_menus = True
        tree[key].save_revision().publish()
    return tree


def test_the_main_navigation_lists_the_menu_pages_below_home_in_tree_order(client, menus):
    html = client.get(menus["paper"].url).content.decode()
    expected = [menus[key].title for key in ("member_index", "chapter_index", "glossary", "library", "events")]
    assert nav_titles(html) == [*expected, "Map"]


def test_the_main_navigation_leaves_out_drafts_private_pages_and_pages_not_in_menus(client, menus):
    menus["events"].unpublish()
    PageViewRestriction.objects.create(page=menus["glossary"], restriction_type="password", password="pw")
    menus["chapter_index"].show_in_menus = False
    menus["chapter_index"].save_revision().publish()
    html = client.get(menus["paper"].url).content.decode()
    assert nav_titles(html) == [menus["member_index"].title, menus["library"].title, "Map"]


def test_the_main_navigation_is_in_the_page_language(client, menus):
    french = Locale.objects.get(language_code="fr")
    library_fr = menus["library"].copy_for_translation(french, copy_parents=True)
    library_fr.title = "Bibliothèque"
    library_fr.save_revision().publish()
    html = client.get(library_fr.url).content.decode()
    assert nav_titles(html) == ["Bibliothèque", "Carte"]
