"""The demo site, loaded once for this module (twice, to prove the second run changes nothing):
believable, complete, translated, and safe to load again."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils.html import escape

from wagtail.models import Locale, Page, PageLogEntry, Revision

import pytest

from events.models import EventPage
from hub.base.models import DataSource, Method, Theme
from hub.catalogue.models import MethodPage, ReadingListItem, ReadingListPage, ThemePage
from hub.demo.management.commands.load_demo import ENTRY_FIELDS, Command
from members.models import ChapterPage, MemberPage
from resources.models import GlossaryTermPage, GlossaryVariant, PaperIndexPage, PaperPage

# One worker loads the demo for all of them (pytest-xdist --dist loadscope keeps a module on one worker).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-site")]


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "variants": GlossaryVariant.objects.count(),
        "alt_labels": dict(Method.objects.values_list("pk", "alt_labels")),
    }


def load_demo(**settings):
    """load_demo inside the module's transaction, as if each translation committed on its own: wagtail-localize
    publishes a translation when its transaction commits, and the command commits one translation at a time."""

    def committed(translate_page):
        def translate(*args, **kwargs):
            with TestCase.captureOnCommitCallbacks(execute=True):
                return translate_page(*args, **kwargs)

        return translate

    with pytest.MonkeyPatch.context() as patch, override_settings(**settings):
        for step in (Command.translations, Command.taxonomy_translations, Command.catalogue_translations):
            patch.setitem(step.__globals__, "translate_page", committed(step.__globals__["translate_page"]))
        call_command("load_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    base_dir = tmp_path_factory.mktemp("demo")
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(BASE_DIR=base_dir, HUB_CREATE_DEMO_USERS=False)
        first = snapshot()
        admin_without_demo_users = get_user_model().objects.filter(username="admin").exists()
        load_demo(BASE_DIR=base_dir, HUB_CREATE_DEMO_USERS=True)
        yield {"first": first, "second": snapshot(), "admin_without_demo_users": admin_without_demo_users}
        transaction.set_rollback(True)


def test_load_demo_twice_changes_nothing_and_every_live_page_answers(client, demo):
    assert demo["second"] == demo["first"]

    assert MemberPage.objects.live().count() >= 8
    assert ChapterPage.objects.live().count() >= 5
    assert GlossaryTermPage.objects.live().count() >= 25
    assert GlossaryVariant.objects.count() >= 15
    assert PaperPage.objects.live().count() >= 8
    assert EventPage.objects.live().count() >= 6
    from events.queries import upcoming_events

    assert upcoming_events(Locale.get_default()).count() >= 2

    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url

    # Every organisation publishes a paper its editors can edit; demo-member's has one in the library and
    # one under its own page.
    assert not MemberPage.objects.filter(papers__isnull=True).exists()
    editor = get_user_model().objects.get(username="demo-member")
    editable = PaperPage.objects.filter(
        pk__in=[page.pk for page in PaperPage.objects.all() if page.permissions_for_user(editor).can_edit()]
    )
    parents = {page.get_parent().specific_class for page in editable}
    assert editable.count() >= 2
    assert parents == {PaperIndexPage, MemberPage}
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Write a new paper" in html
    assert all(escape(paper.title) in html for paper in editable)
    # Two upcoming events take registrations on the hub, one of them full with a waiting list;
    # a past event has its follow-up published.
    from events.registrations import counts, places_left

    on_hub = [event for event in EventPage.objects.live().filter(registration_open=True) if event.is_upcoming]
    assert len(on_hub) >= 2
    full = [event for event in on_hub if places_left(event) == 0 and counts(event)["waitlisted"]]
    assert full and "None: waiting list open" in client.get(full[0].url).content.decode()
    past = EventPage.objects.live().get(followup_published=True)
    assert not past.is_upcoming and past.materials.exists() and past.related_papers.exists()
    assert "Key messages" in client.get(past.url).content.decode()

    paper = PaperPage.objects.live().filter(attachments__isnull=False).first()
    document_url = paper.attachments.first().document.url
    download = client.get(document_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_demo_superuser_only_when_settings_allow(demo):
    assert demo["admin_without_demo_users"] is False
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()


def test_demo_records_have_their_common_alternative_labels_in_english_and_french(demo, shared_sample):
    english, french = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="fr")

    co_creation = Method.objects.get(slug="co-creation", locale=english)
    assert "Participatory design" in co_creation.alt_label_list
    crowdsourcing = Method.objects.get(slug="crowdsourcing", locale=english)
    assert "Collective intelligence" in crowdsourcing.alt_label_list
    assert "Behavioral insights" in Method.objects.get(slug="behavioural-insights", locale=english).alt_label_list
    assert "Localization" in Theme.objects.get(slug="localisation", locale=english).alt_label_list
    assert DataSource.objects.get(slug="citizen-generated-data", locale=english).alt_labels

    co_creation_fr = Method.objects.get(translation_key=co_creation.translation_key, locale=french)
    assert co_creation_fr.alt_label_list == ["Conception participative", "Co-conception", "Co-création"]
    crowdsourcing_fr = Method.objects.get(translation_key=crowdsourcing.translation_key, locale=french)
    assert "Intelligence collective" in crowdsourcing_fr.alt_label_list
    assert demo["second"]["alt_labels"] == demo["first"]["alt_labels"]  # a second run keeps them

    # The import: the learning plan's methods land on the demo's records, not on new ones.
    sample = shared_sample("learning-plan-kyrgyzstan-2021.md")  # skips, saying where it looked, when absent
    out = io.StringIO()
    call_command("import_papers", str(sample), stdout=out, stderr=io.StringIO())
    new = set(Method.objects.filter(needs_review=True).values_list("name", flat=True))
    assert not new & {"System Thinking", "Behavioral Insights", "Participatory Design", "Collective Intelligence"}
    assert "'Participatory Design' → 'Co-creation and participatory design'" in out.getvalue()


def test_the_demo_describes_ten_methods_and_six_themes_in_full_with_french_translations(client, demo):
    english, french = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="fr")
    for model, at_least in ((MethodPage, 10), (ThemePage, 6)):
        pages = model.objects.live().filter(locale=english)
        assert pages.count() >= at_least
        for page in pages:
            assert [name for name in ENTRY_FIELDS if not getattr(page, name)] == [], page.title
            assert page.related_items.exists(), page.title
        translated = model.objects.live().filter(locale=french, alias_of=None)
        assert translated.count() >= 4
        assert all(page.title != page.get_translation(english).title for page in translated)
    assert MethodPage.objects.filter(locale=english, kinds__isnull=False, themes__isnull=False).exists()
    assert EventPage.objects.filter(methods__slug="community-scorecards").exists()
    scorecards = MethodPage.objects.get(locale=english, slug="community-scorecards")
    html = client.get(scorecards.url).content.decode()
    assert "Running a community scorecard" in html  # the event on the method
    assert "?type=paper&amp;method=community-scorecards" in html
    assert scorecards.get_translation(french).title == "Cartes de score communautaires"


def test_the_demo_has_two_collections_of_live_pages_built_once(client, demo):
    collections = ReadingListPage.objects.live()
    assert collections.count() >= 2
    assert ReadingListItem.objects.count() == sum(len(c.items.all()) for c in collections)
    for collection in collections:
        shown = collection.shown_items()
        assert len(shown) >= 5
        assert all(item.note for item, _page in shown)
        assert len({type(page.specific) for _item, page in shown}) >= 2  # papers, terms and events mixed
        assert client.get(collection.url).status_code == 200
    start = collections.get(slug="start-here")
    assert len(start.shown_items()) == 10
    assert start.cover_image is not None
