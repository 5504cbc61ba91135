"""Sections contributed by other apps: a page of the base shows them without importing those apps."""

from django.apps import apps
from django.core.management import call_command
from django.test import RequestFactory

from wagtail import hooks

import pytest

from hub.base.models import HomePage
from hub.base.sections import Section, sections_for

pytestmark = pytest.mark.django_db


def test_the_base_app_keeps_the_label_hub_so_its_tables_and_migrations_keep_their_names():
    config = apps.get_app_config("hub")
    assert config.name == "hub.base"
    assert HomePage._meta.db_table == "hub_homepage"


def test_no_model_change_is_left_without_a_migration():
    # makemigrations --check exits with status 1 when a migration is missing.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_home_page_shows_its_sections_in_order(tree):
    keys = [section.key for section in sections_for(tree["home"], RequestFactory().get("/"))]
    assert keys == ["featured_papers", "upcoming_events", "chapters", "join", "follow"]


def test_a_section_registered_by_an_app_appears_on_its_page_in_its_place(client, tree):
    def extra(page, request):
        if isinstance(page, HomePage):
            return [
                Section("extra", "resources/sections/member_papers.html", {"papers": [tree["paper"]]}, order=15),
                Section("elsewhere", "resources/sections/member_papers.html", region="aside"),
            ]
        return None

    with hooks.register_temporarily("hub_page_sections", extra):
        keys = [section.key for section in sections_for(tree["home"], RequestFactory().get("/"))]
        html = client.get(tree["home"].url).content.decode()

    assert keys == ["featured_papers", "extra", "upcoming_events", "chapters", "join", "follow"]
    assert html.index("featured-title") < html.index("papers-title") < html.index("events-title")


def test_member_and_chapter_pages_show_the_sections_of_the_apps_above_them(tree):
    request = RequestFactory().get("/")
    assert [s.key for s in sections_for(tree["member"], request)] == ["how_we_say_it", "papers", "contact", "related"]
    assert [s.key for s in sections_for(tree["chapter"], request)] == [
        "chapter_events",
        "chapter-members",
        "contact",
        "join-chapter",
        "related",
    ]
    assert [s.key for s in sections_for(tree["paper"], request)] == ["related"]


def test_a_text_filter_registered_by_an_app_applies_to_rich_text_of_pages_below_it(client, tree):
    def shout(html, page, context):
        return html.replace("</p>", " [filtered]</p>", 1)

    with hooks.register_temporarily("hub_text_filters", shout):
        html = client.get(tree["member"].url).content.decode()
    assert "letting communities set their own priorities. [filtered]</p>" in html
    assert "[filtered]" not in client.get(tree["member"].url).content.decode()


def test_each_app_is_asked_for_its_sections_once_per_page_whatever_the_number_of_regions(client, tree):
    calls = []

    def counting(page, request):
        calls.append(page.pk)

    with hooks.register_temporarily("hub_page_sections", counting):
        response = client.get(tree["member"].url)
    assert response.status_code == 200
    assert calls == [tree["member"].pk]
    keys = [s.key for s in sections_for(tree["chapter"], RequestFactory().get("/"), region="facts")]
    assert keys == ["country_map", "follow"]
