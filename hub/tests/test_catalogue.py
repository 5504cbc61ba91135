"""The methods and themes catalogue as a visitor reads it: counts, filters, what a method page lists."""

import datetime
import importlib
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from events.factories import EventPageFactory
from hub.base.factories import MethodFactory
from hub.base.models import Method, Theme
from hub.base.translate import translate_page
from hub.catalogue.factories import MethodPageFactory
from hub.catalogue.links import entry_url
from hub.catalogue.models import MethodIndexPage, MethodPage, ThemeIndexPage, ThemePage
from members import roles
from resources.factories import GlossaryTermPageFactory, PaperIndexPageFactory, PaperPageFactory
from resources.models import GlossaryVariant

# Each test builds the tree it asks for (conftest.py, "the test site"):
# the data migration test starts from a site without catalogue pages.
SHARED_TREE = False

pytestmark = pytest.mark.django_db


def html(client, url, status=200):
    """What the page shows: its HTML without the JSON-LD, which describes the whole catalogue."""
    response = client.get(url)
    assert response.status_code == status, url
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", response.content.decode(), flags=re.S)


def published(page):
    page.save_revision().publish()
    return page


def paper(parent, title, method=None, theme=None, live=True, **fields):
    page = PaperPageFactory(parent=parent, title=title, live=live, **fields)
    if method is not None:
        page.methods.set([method])
    if theme is not None:
        page.themes.set([theme])
    return published(page) if live else page


@pytest.fixture
def papers(catalogue):
    """Besides the tree's paper: another live one, a draft, a private one, and one using another method."""
    library, method, theme = catalogue["library"], catalogue["method"], catalogue["theme"]
    newer = paper(library, "Scorecards in schools", method, theme, publication_date=datetime.date(2025, 1, 1))
    draft = paper(library, "Draft scorecards note", method, theme, live=False)
    private = paper(library, "Private scorecards note", method, theme)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    other = paper(library, "Asset maps of Kisumu", MethodFactory(name="Asset mapping"))
    return {"newer": newer, "draft": draft, "private": private, "other": other}


def test_the_catalogue_counts_the_live_public_papers_of_each_method_and_theme(client, catalogue, papers):
    assert "2 papers" in html(client, catalogue["method_index"].url)
    assert "2 papers" in html(client, catalogue["theme_index"].url)


def test_a_paper_choosing_the_translated_record_counts_for_the_method(client, catalogue):
    french = Locale.objects.get(language_code="fr")
    translate_page(catalogue["method"], french, {"name": "Cartes de score communautaires"})
    french_record = Method.objects.get(locale=french, translation_key=catalogue["method"].translation_key)
    paper(catalogue["library"], "A paper filed under the French record", french_record)
    assert "2 papers" in html(client, catalogue["method_index"].url)
    assert "A paper filed under the French record" in html(client, catalogue["method_page"].url)


def test_a_method_page_lists_exactly_its_live_public_papers_newest_first(client, catalogue, papers):
    page = html(client, catalogue["method_page"].url)
    assert page.index("Scorecards in schools") < page.index("Community scorecards in practice")
    for hidden in ("Draft scorecards note", "Private scorecards note", "Asset maps of Kisumu"):
        assert hidden not in page
    assert "?type=paper&amp;method=community-scorecards" in page
    assert "Search the library: 2 papers" in page


def test_a_paper_written_in_another_locale_stays_out_of_the_english_method_page(client, catalogue):
    from hub.base.factories import HomePageFactory

    french = Locale.objects.get(language_code="fr")
    french_home = HomePageFactory(
        parent=Page.get_first_root_node(),
        locale=french,
        slug="accueil",
        translation_key=catalogue["home"].translation_key,
    )
    french_library = PaperIndexPageFactory(parent=french_home, locale=french)
    paper(french_library, "Un document écrit en français", catalogue["method"], locale=french)
    assert "Un document écrit en français" not in html(client, catalogue["method_page"].url)
    assert "1 paper" in html(client, catalogue["method_index"].url)


def test_a_method_page_lists_its_upcoming_and_recent_events_only(client, catalogue):
    method, events = catalogue["method"], catalogue["events"]
    past = EventPageFactory(
        parent=events, title="Scorecards clinic last month", start=timezone.now() - datetime.timedelta(days=30)
    )
    past.methods.set([method])
    published(past)
    draft = EventPageFactory(parent=events, title="Scorecards draft event", live=False)
    draft.methods.set([method])
    draft.save_revision()
    EventPageFactory(parent=events, title="An event on something else")
    page = html(client, catalogue["method_page"].url)
    assert "Peru chapter webinar" in page  # upcoming, on the method
    assert "Scorecards clinic last month" in page
    assert page.index("Upcoming events") < page.index("Peru chapter webinar") < page.index("Recent events")
    assert "Scorecards draft event" not in page
    assert "An event on something else" not in page
    assert "Localisation seminar" not in page  # the tree's past event has no method


def test_a_theme_page_lists_its_upcoming_and_recent_events_only(client, catalogue):
    theme, events = catalogue["theme"], catalogue["events"]
    for title, days in [("Local governance forum", 10), ("Governance clinic last month", -30)]:
        event = EventPageFactory(parent=events, title=title, start=timezone.now() + datetime.timedelta(days=days))
        event.themes.set([theme])
        published(event)
    draft = EventPageFactory(parent=events, title="Governance draft event", live=False)
    draft.themes.set([theme])
    draft.save_revision()
    EventPageFactory(parent=events, title="An event on something else")
    page = html(client, catalogue["theme_page"].url)
    assert page.index("Upcoming events") < page.index("Local governance forum") < page.index("Recent events")
    assert page.index("Recent events") < page.index("Governance clinic last month")
    assert "Governance draft event" not in page
    assert "An event on something else" not in page
    assert "Peru chapter webinar" not in page  # on the method, not the theme


def test_a_theme_page_lists_its_papers_terms_and_members(client, catalogue, papers):
    page = html(client, catalogue["theme_page"].url)
    assert "Scorecards in schools" in page
    assert "Draft scorecards note" not in page
    assert "Participatory planning" in page  # a term filed under the theme
    assert "Village Voices Network" in page  # lists the theme among its own
    assert "?type=paper&amp;theme=local-governance" in page


def test_a_method_page_shows_the_terms_naming_it_and_members_in_house_names(client, catalogue):
    term = GlossaryTermPageFactory(parent=catalogue["glossary"], title="Community scorecard")
    term.variants.add(GlossaryVariant(label="Citizen report cards", organisation=catalogue["member"]))
    published(term)
    GlossaryTermPageFactory(parent=catalogue["glossary"], title="Asset mapping")
    page = html(client, catalogue["method_page"].url)
    assert f'href="{term.url}"' in page
    assert "“Citizen report cards” at Village Voices Network" in page
    assert "Asset mapping" not in page
    assert "Members who practise it" in page  # Village Voices Network published the tree's paper


def test_the_methods_catalogue_filters_by_theme_and_kind(client, catalogue):
    other = MethodPageFactory(parent=catalogue["method_index"], method__name="Transect walk")
    url = catalogue["method_index"].url
    by_theme = html(client, f"{url}?theme=local-governance")
    assert "Community scorecards" in by_theme
    assert "Transect walk" not in by_theme
    assert other.title in html(client, url)
    assert "Community scorecards" in html(client, f"{url}?kind=tool")
    assert "Nothing matches these filters." in html(client, f"{url}?kind=principle")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=no-such-theme", "There is no theme “no-such-theme”."),
        ("kind=recipe", "There is no kind of method “recipe”."),
        ("theme=local-governance&theme=localisation", "Give “theme” once only."),
    ],
)
def test_a_filter_naming_nothing_is_a_clear_400(client, catalogue, query, message):
    page = html(client, f"{catalogue['method_index'].url}?{query}", status=400)
    assert message in page
    assert "Users and providers rate a service" not in page


def test_the_a_to_z_links_only_letters_with_entries(client, catalogue):
    page = html(client, catalogue["method_index"].url)
    assert '<a href="#letter-C">C</a>' in page
    assert 'id="letter-C"' in page
    assert '<span aria-disabled="true">Z</span>' in page
    assert 'href="#letter-Z"' not in page


def test_paper_metadata_links_methods_and_themes_to_their_pages(client, catalogue):
    page = html(client, catalogue["paper"].url)
    assert f'<a href="{catalogue["method_page"].url}">Community scorecards</a>' in page
    assert f'<a href="{catalogue["theme_page"].url}">Local governance</a>' in page


def test_entry_url_reads_every_page_of_a_kind_once_per_request(catalogue, django_assert_num_queries):
    from hub.base.memo import _memo

    locale = Locale.get_default()
    token = _memo.set({})
    try:
        assert entry_url(catalogue["method"], locale) == catalogue["method_page"].url
        without_page = MethodFactory(name="No page")
        with django_assert_num_queries(0):
            assert entry_url(without_page, locale) is None
            assert entry_url(catalogue["method"], locale) == catalogue["method_page"].url
    finally:
        _memo.reset(token)


def test_the_home_page_and_the_main_navigation_lead_to_the_catalogue(client, catalogue):
    index = catalogue["method_index"]
    index.show_in_menus = True
    published(index)
    page = html(client, catalogue["home"].url)
    assert page.count(f'href="{index.url}"') == 2  # the main navigation and the home page's catalogue section
    assert f'href="{catalogue["theme_index"].url}"' in page


def test_a_method_page_can_be_translated_and_the_french_catalogue_lists_it(
    client, catalogue, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    translate_page(catalogue["method"], french, {"name": "Cartes de score communautaires"})
    # One commit per translation, as in the admin (wagtail-localize publishes on commit).
    for page, values in [
        (catalogue["home"], {"title": "Accueil"}),
        (catalogue["method_index"], {"title": "Méthodes"}),
        (catalogue["method_page"], {"title": "Cartes de score communautaires", "summary": "Usagers et prestataires."}),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(page, french, values)
    translated = MethodPage.objects.get(locale=french, translation_key=catalogue["method_page"].translation_key)
    assert translated.live is True
    assert translated.method.translation_key == catalogue["method"].translation_key
    index = MethodIndexPage.objects.get(locale=french)
    listing = html(client, index.url)
    assert "Cartes de score communautaires" in listing
    assert "Usagers et prestataires." in listing
    # The English papers are listed in their source language until someone translates them.
    assert "Community scorecards in practice" in html(client, translated.url)


def test_moderators_edit_the_catalogue_under_review_and_member_editors_cannot(catalogue):
    page = catalogue["method_page"]
    user_model = get_user_model()
    moderator = user_model.objects.create_user("moderator", "m@example.org", "pw")
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    editor = user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.create(name=f"{roles.MEMBER_EDITORS_PREFIX}Village Voices Network"))
    roles.grant_page_permissions(editor.groups.get(), catalogue["member"], roles.MEMBER_EDITOR_PAGE_PERMISSIONS)
    assert page.permissions_for_user(moderator).can_edit() is True
    assert page.permissions_for_user(moderator).can_publish() is True
    assert page.permissions_for_user(editor).can_edit() is False
    assert catalogue["method_index"].permissions_for_user(editor).can_add_subpage() is False
    assert page.get_workflow() is not None  # changes go through a moderation workflow


# --- The data migration that gives existing records a page ----------------------------------------


def run_data_migration():
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module("hub.catalogue.migrations.0005_pages_for_existing_records")
    # Historical models (no treebeard methods), as `migrate` would pass them.
    migration.create_pages(MigrationLoader(connection).project_state().apps, None)


def test_the_data_migration_gives_every_record_a_live_page_translations_included(client, home):
    from hub.base.factories import HomePageFactory

    french = Locale.objects.get(language_code="fr")
    french_home = HomePageFactory(
        parent=Page.get_first_root_node(),
        locale=french,
        slug="accueil",
        title="Accueil",
        translation_key=home.translation_key,
    )
    PaperIndexPageFactory(parent=home)  # an existing sibling, kept
    method = Method.objects.create(name="Transect walk", slug="transect-walk", description="A walk across a village.")
    translate_page(method, french, {"name": "Marche transversale"})
    Theme.objects.create(name="Localisation", slug="localisation", description="Shifting power.")

    run_data_migration()

    assert Page.find_problems() == ([], [], [], [], [])
    english = MethodPage.objects.get(locale=home.locale)
    french_page = MethodPage.objects.get(locale=french)
    assert english.live is True
    assert english.title == "Transect walk"
    assert english.summary == "A walk across a village."
    assert english.get_parent().specific_class is MethodIndexPage
    assert english.get_parent().get_parent().pk == home.pk
    assert french_page.get_parent().get_parent().pk == french_home.pk
    assert french_page.title == "Marche transversale"
    assert english.translation_key == french_page.translation_key  # translations of each other
    assert english.get_parent().translation_key == french_page.get_parent().translation_key
    assert ThemePage.objects.get(locale=home.locale).get_parent().specific_class is ThemeIndexPage
    assert ThemePage.objects.filter(locale=french).exists() is False  # the theme has no French record
    assert "A walk across a village." in html(client, english.get_parent().url)
    assert "Transect walk" in html(client, english.url)

    run_data_migration()  # running it again creates nothing
    assert MethodPage.objects.count() == 2
    assert MethodIndexPage.objects.count() == 2
