"""Editors can create every page type in the admin, only where it belongs in the tree."""

import datetime

from django.contrib.auth import get_user_model

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from events.models import EventIndexPage, EventPage
from hub.base.factories import MethodFactory, ThemeFactory
from hub.base.models import HomePage
from hub.catalogue.factories import ReadingListIndexPageFactory
from hub.catalogue.models import MethodPage, ReadingListPage, ThemePage
from members.models import ChapterIndexPage, ChapterPage, MemberIndexPage, MemberPage
from resources.models import GlossaryIndexPage, GlossaryTermPage, PaperIndexPage, PaperPage

pytestmark = pytest.mark.django_db


class TestTree(WagtailPageTestCase):
    def test_index_pages_live_under_the_home_page(self):
        for model in (MemberIndexPage, ChapterIndexPage, GlossaryIndexPage, PaperIndexPage, EventIndexPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})

    def test_content_pages_live_under_their_index(self):
        self.assertAllowedParentPageTypes(MemberPage, {MemberIndexPage})
        self.assertAllowedParentPageTypes(ChapterPage, {ChapterIndexPage})
        self.assertAllowedParentPageTypes(GlossaryTermPage, {GlossaryIndexPage})
        # Papers may sit under their organisation and events under their chapter, so permissions follow the tree.
        self.assertAllowedParentPageTypes(PaperPage, {PaperIndexPage, MemberPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage, ChapterPage})

    def test_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_glossary_terms_cannot_hold_children(self):
        self.assertAllowedSubpageTypes(GlossaryTermPage, set())
        self.assertAllowedSubpageTypes(PaperPage, set())


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def _post(client, model, parent, data):
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
    return client.post(url, nested_form_data({"action-publish": "publish", **data}))


EMPTY = inline_formset([])


@pytest.mark.parametrize(
    ("model", "parent_key", "data"),
    [
        (
            MemberPage,
            "member_index",
            {
                "title": "Neighbourhood Councils Trust",
                "slug": "nct",
                "summary": "Helps councils plan with residents.",
                "commitment": rich_text("<p>We back community-led development in public.</p>"),
                "headquarters": "GH",
                "countries": ["GH", "TG"],
                "social_links": EMPTY,
            },
        ),
        (
            ChapterPage,
            "chapter_index",
            {
                "title": "Ghana chapter",
                "slug": "ghana",
                "country": "GH",
                "status": "forming",
                "intro": "Members meeting district assemblies.",
                "body": rich_text(""),
                "partnerships": inline_formset(
                    [{"partner": "Tamale Metropolitan Assembly", "level": "local", "status": "negotiating"}]
                ),
                "programmes": EMPTY,
            },
        ),
        (
            GlossaryTermPage,
            "glossary",
            {
                "title": "Community action plan",
                "slug": "community-action-plan",
                "short_definition": "A plan a community writes and owns.",
                "explanation": rich_text("<p>It lists priorities and who does what.</p>"),
                "variants": inline_formset([{"label": "Village action plan", "organisation": "", "language": "en"}]),
                "sources": EMPTY,
            },
        ),
        (
            PaperPage,
            "library",
            {
                "title": "A guide to village plans",
                "slug": "village-plans",
                "publication_date": "2024-02-01",
                "abstract": "How villages write plans.",
                "document_type": "toolkit",
                "language": "en",
                "licence": "cc-by-4.0",
                "body": streamfield([("heading", {"text": "Why plans", "level": "h2"})]),
                "authors": EMPTY,
                "attachments": EMPTY,
                "countries": ["GH"],
            },
        ),
        (
            EventPage,
            "events",
            {
                "title": "Plans webinar",
                "slug": "plans-webinar",
                "kind": "webinar",
                "format": "online",
                "start": "2030-05-01 14:00",
                "end": "2030-05-01 15:30",
                "time_zone": "Africa/Accra",
                "summary": "Chapter leads share their plans.",
                "description": rich_text(""),
                "materials": EMPTY,
                "related_papers": EMPTY,
            },
        ),
        (
            MethodPage,
            "method_index",
            lambda site: {
                "title": "Transect walk",
                "slug": "transect-walk",
                "method": MethodFactory(name="Transect walk", slug="transect-walk").pk,
                "summary": "Residents walk across their village and map what they see.",
                "what_it_is": rich_text("<p>A walk that turns local knowledge into a shared map.</p>"),
                "related_items": inline_formset([{"related_page": site["method_page"].pk}]),
            },
        ),
        (
            ThemePage,
            "theme_index",
            lambda site: {
                "title": "Water and sanitation",
                "slug": "water",
                "theme": ThemeFactory(name="Water and sanitation", slug="water").pk,
                "summary": "Communities running their own water points.",
                "what_it_is": rich_text("<p>Water is where local decisions show first.</p>"),
                "related_items": EMPTY,
            },
        ),
        (
            ReadingListPage,
            "collections",
            lambda site: {
                "title": "Start here",
                "slug": "start-here",
                "intro": rich_text("<p>Ten readings on community-led development.</p>"),
                "items": inline_formset(
                    [{"item_page": site["paper"].pk, "note": "Read first."}, {"item_page": site["term"].pk, "note": ""}]
                ),
            },
        ),
    ],
)
def test_admin_creates_and_publishes_each_page_type(client, catalogue, editor, model, parent_key, data):
    site = catalogue | {"collections": ReadingListIndexPageFactory(parent=catalogue["home"])}
    data = data(site) if callable(data) else data
    response = _post(client, model, site[parent_key], data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = model.objects.get(slug=data["slug"])
    assert page.live is True
    assert page.get_parent().pk == site[parent_key].pk
    response = client.get(page.url)
    assert response.status_code == 200
    assert data["title"] in response.content.decode()


def test_an_event_created_under_a_chapter_belongs_to_it(client, tree, editor):
    data = {
        "title": "Chapter assembly",
        "slug": "chapter-assembly",
        "kind": "workshop",
        "format": "in-person",
        "start": "2030-06-01 09:00",
        "end": "2030-06-01 17:00",
        "time_zone": "America/Lima",
        "summary": "A day with municipal planners.",
        "description": rich_text(""),
        "materials": EMPTY,
        "related_papers": EMPTY,
    }
    assert _post(client, EventPage, tree["chapter"], data).status_code == 302
    assert EventPage.objects.get(slug="chapter-assembly").chapter_id == tree["chapter"].pk


def test_an_event_cannot_end_before_it_starts(client, tree, editor):
    data = {
        "title": "Backwards",
        "slug": "backwards",
        "kind": "webinar",
        "format": "online",
        "start": "2030-05-01 14:00",
        "end": "2030-05-01 13:00",
        "time_zone": "UTC",
        "summary": "Oops.",
        "description": rich_text(""),
        "materials": EMPTY,
        "related_papers": EMPTY,
    }
    response = _post(client, EventPage, tree["events"], data)
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="backwards").exists()


def test_an_event_happening_today_is_upcoming(tree):
    from django.utils import timezone

    from events.queries import past_events, upcoming_events

    event = tree["event"]
    event.start = timezone.now().replace(hour=0, minute=5, second=0, microsecond=0)
    event.end = event.start + datetime.timedelta(minutes=30)
    event.save()
    assert event in upcoming_events(event.locale)
    assert event not in past_events(event.locale)
