"""Every page type renders what a visitor expects, within a fixed number of queries."""

from wagtail.models import get_page_models

import pytest

from resources.linking import warm

pytestmark = pytest.mark.django_db

HUB_APPS = {"hub", "catalogue", "members", "resources", "events"}
# One more than other pages: the chapter's member organisations (hub/joining) are one query of their own,
# needed even when the chapter has none, to know that it has none.
CHAPTER_MAX_QUERIES = 21


def factory_models():
    import events.factories
    import hub.base.factories
    import hub.catalogue.factories
    import members.factories
    import resources.factories

    models = set()
    for module in (
        hub.base.factories,
        hub.catalogue.factories,
        members.factories,
        resources.factories,
        events.factories,
    ):
        for value in vars(module).values():
            meta = getattr(value, "_meta", None)
            if meta is not None and getattr(meta, "model", None) is not None:
                models.add(meta.model)
    return models


def test_every_page_model_has_a_factory():
    missing = [m.__name__ for m in get_page_models() if m._meta.app_label in HUB_APPS and m not in factory_models()]
    assert missing == []


@pytest.mark.parametrize(
    ("key", "expected", "max_queries"),
    [
        ("home", ["Community-led Development Hub", "Community scorecards in practice", "Peru chapter webinar"], 20),
        ("member_index", ["Village Voices Network"], 20),
        (
            "member",
            [
                "Village Voices Network",
                "letting communities set their own priorities",
                "Kenya",
                "Uganda",
                "Health",
                "Local governance",
                "2019",
                "LinkedIn",
                "Community scorecards in practice",
            ],
            20,
        ),
        ("chapter_index", ["Peru chapter", "Peru"], 20),
        (
            "chapter",
            [
                "Peru chapter",
                "Municipality of Cusco",
                "Signed",
                "Andean village plans",
                "Amina Odhiambo",
                "Village Voices Network",
                "Peru chapter webinar",
                "Write to this chapter",
            ],
            CHAPTER_MAX_QUERIES,
        ),
        ("glossary", ["Participatory planning", "Local self-government", 'href="#letter-P"'], 20),
        (
            "term",
            ["Participatory planning", "Village visioning", "Village Voices Network", "Local self-government"],
            20,
        ),
        ("library", ["Community scorecards in practice"], 20),
        (
            "paper",
            [
                "Community scorecards in practice",
                "Amina Odhiambo",
                "Village Voices Network",
                "Community scorecards",
                "3. Good health and well-being",
                "Household surveys",
                "Uganda",
                "CC BY 4.0",
                "10.5555/cldhub.0001",
            ],
            20,
        ),
        ("events", ["Peru chapter webinar", "Localisation seminar"], 20),
        (
            "event",
            ["Peru chapter webinar", "America/Lima", "Amina Odhiambo", "Village Voices Network", "Peru chapter"],
            20,
        ),
    ],
)
def test_page_renders_its_fields(client, tree, django_assert_max_num_queries, key, expected, max_queries):
    page = tree[key]
    # As on a running site, the glossary's link labels are in the cache (publishing a term warms them).
    warm(tree["home"].locale)
    with django_assert_max_num_queries(max_queries):
        response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, f"{text!r} missing from {page.url}"


@pytest.fixture
def filled_catalogue(catalogue):
    """The catalogue, its method named by a glossary term that a member calls something else in-house,
    and related to another method."""
    from hub.catalogue.factories import MethodPageFactory
    from hub.catalogue.models import MethodPageRelated
    from resources.factories import GlossaryTermPageFactory
    from resources.models import GlossaryVariant

    term = GlossaryTermPageFactory(parent=catalogue["glossary"], title="Community scorecard")
    term.variants.add(GlossaryVariant(label="Citizen report cards", organisation=catalogue["member"]))
    term.save_revision().publish()
    other = MethodPageFactory(
        parent=catalogue["method_index"], method__name="Social audit", method__slug="social-audit"
    )
    method_page = catalogue["method_page"]
    method_page.related_items.add(MethodPageRelated(related_page=other))
    method_page.save_revision().publish()
    return catalogue


@pytest.mark.parametrize(
    ("key", "expected", "max_queries"),
    [
        ("method_index", ["Community scorecards", "Users and providers rate a service", "1 paper", "Tool"], 20),
        (
            "method_page",
            [
                "Community scorecards",
                "Three weeks",
                "Community scorecards in practice",
                "Peru chapter webinar",
                "Village Voices Network",
                "type=paper&amp;method=community-scorecards",
                "In the glossary",
                "“Citizen report cards” at Village Voices Network",
                "Related methods",
                "Social audit",
            ],
            20,
        ),
        ("theme_index", ["Local governance", "1 paper"], 20),
        (
            "theme_page",
            [
                "Local governance",
                "Community scorecards in practice",
                "Participatory planning",
                "Village Voices Network",
            ],
            20,
        ),
    ],
)
def test_catalogue_page_renders_its_fields(
    client, filled_catalogue, django_assert_max_num_queries, key, expected, max_queries
):
    """With every section of the method page filled: papers, events, terms, in-house names, members, related."""
    page = filled_catalogue[key]
    with django_assert_max_num_queries(max_queries):
        response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, f"{text!r} missing from {page.url}"


def test_member_contact_email_is_never_shown(client, tree):
    html = client.get(tree["member"].url).content.decode()
    assert "secretariat-only@example.org" not in html


def test_a_chapter_page_listing_its_member_organisations_stays_within_the_budget(
    client, tree, django_assert_max_num_queries
):
    from hub.joining.models import ChapterMembership

    ChapterMembership.objects.create(chapter=tree["chapter"], organisation=tree["member"])
    warm(tree["home"].locale)
    with django_assert_max_num_queries(CHAPTER_MAX_QUERIES):
        response = client.get(tree["chapter"].url)
    html = response.content.decode()
    assert "Member organisations of the chapter" in html and f'href="{tree["member"].url}"' in html


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add_related(tree, n):
    """n more of everything a page lists: papers, terms, events, members, chapters, people, taxonomy."""
    from events.factories import EventPageFactory
    from hub.base.factories import MethodFactory, ThemeFactory
    from hub.joining.models import ChapterMembership
    from members.factories import ChapterPageFactory, MemberPageFactory, PersonFactory
    from members.models import ChapterPartnership
    from resources.factories import GlossaryTermPageFactory, PaperPageFactory
    from resources.models import GlossaryVariant, PaperAuthor

    paper, chapter, term, event, member = (tree[k] for k in ("paper", "chapter", "term", "event", "member"))
    for _ in range(n):
        organisation = MemberPageFactory(parent=tree["member_index"])
        person = PersonFactory(organisation=member)
        theme, method = ThemeFactory(), MethodFactory()
        other = PaperPageFactory(parent=tree["library"])
        other.organisations.add(member)
        other.save()
        GlossaryTermPageFactory(parent=tree["glossary"])
        EventPageFactory(parent=chapter)
        EventPageFactory(parent=tree["events"])
        ChapterPageFactory(parent=tree["chapter_index"]).lead_organisations.add(member)
        paper.organisations.add(organisation)
        paper.themes.add(theme)
        paper.methods.add(method)
        paper.authors.add(PaperAuthor(person=person))
        chapter.lead_organisations.add(organisation)
        chapter.lead_people.add(person)
        chapter.partnerships.add(ChapterPartnership(partner=f"Municipality {theme.pk}", level="local"))
        ChapterMembership.objects.create(chapter=chapter, organisation=organisation)
        term.variants.add(GlossaryVariant(label=f"Variant {theme.pk}", organisation=organisation, language="en"))
        term.related_terms.add(GlossaryTermPageFactory(parent=tree["glossary"]))
        event.organisers.add(organisation)
        event.speakers.add(person)
        member.themes.add(theme)
    for page in (paper, chapter, term, event, member):
        page.save_revision().publish()
    if "method_page" in tree:
        _add_catalogue_entries(tree, n)


def _add_catalogue_entries(catalogue, n):
    """n more of everything a method or theme page lists, and n more entries in each catalogue: papers and
    events on the method and theme, terms naming the method (with in-house names) or filed under the theme,
    related methods and themes."""
    from events.factories import EventPageFactory
    from hub.catalogue.factories import MethodPageFactory, ThemePageFactory
    from hub.catalogue.models import MethodPageRelated, ThemePageRelated
    from members.factories import MemberPageFactory
    from resources.factories import GlossaryTermPageFactory, PaperPageFactory
    from resources.models import GlossaryVariant

    method, theme = catalogue["method"], catalogue["theme"]
    method_page, theme_page = catalogue["method_page"], catalogue["theme_page"]
    for _ in range(n):
        organisation = MemberPageFactory(parent=catalogue["member_index"])
        paper = PaperPageFactory(parent=catalogue["library"])
        paper.methods.add(method)
        paper.themes.add(theme)
        paper.organisations.add(organisation)
        paper.save_revision().publish()
        event = EventPageFactory(parent=catalogue["events"])
        event.methods.add(method)
        event.themes.add(theme)
        event.save_revision().publish()
        term = GlossaryTermPageFactory(parent=catalogue["glossary"])
        term.themes.add(theme)
        term.variants.add(GlossaryVariant(label="Community scorecards", language="en"))
        term.variants.add(GlossaryVariant(label=f"In-house {term.pk}", organisation=organisation, language="en"))
        term.save_revision().publish()
        other_method = MethodPageFactory(parent=catalogue["method_index"])
        other_method.themes.add(theme)
        other_method.save_revision().publish()
        method_page.related_items.add(MethodPageRelated(related_page=other_method))
        theme_page.related_items.add(ThemePageRelated(related_page=ThemePageFactory(parent=catalogue["theme_index"])))
    method_page.save_revision().publish()
    theme_page.save_revision().publish()


def test_query_counts_do_not_grow_with_content(client, catalogue):
    """Three times as many papers, terms, events, members, authors, partners, methods and themes cost no page a
    query more."""
    keys = ["home", "member_index", "member", "chapter_index", "chapter", "glossary", "term", "library", "paper"]
    keys += ["events", "event", "method_index", "theme_index", "method_page", "theme_page"]
    tree = catalogue
    _add_related(tree, 2)
    before = {key: _queries(client, tree[key].url) for key in keys}
    _add_related(tree, 4)
    after = {key: _queries(client, tree[key].url) for key in keys}
    assert after == before
    # The method page does list what was added: the in-house names of the six terms naming it.
    assert client.get(tree["method_page"].url).content.decode().count("“In-house ") == 6


def test_past_event_offers_its_recording_and_no_registration(client, tree):
    html = client.get(tree["past_event"].url).content.decode()
    assert "https://example.org/recording" in html
    assert "Past event" in html


@pytest.fixture
def glossary_by_letter(monkeypatch):
    from resources.models import GlossaryIndexPage

    monkeypatch.setattr(GlossaryIndexPage, "ONE_PAGE_MAX_TERMS", 1)


def test_a_large_glossary_shows_one_letter_with_links_to_the_others(client, tree, glossary_by_letter):
    html = client.get(tree["glossary"].url).content.decode()
    assert "Local self-government" in html
    assert "Participatory planning" not in html
    assert '<a href="?letter=L" aria-current="page">L</a>' in html
    assert '<a href="?letter=P">P</a>' in html
    assert '<span aria-disabled="true">Q</span>' in html


def test_every_letter_of_a_large_glossary_is_reachable(client, tree, glossary_by_letter):
    response = client.get(tree["glossary"].url + "?letter=P")
    html = response.content.decode()
    assert "Participatory planning" in html
    assert "Local self-government" not in html
    assert f'<link rel="canonical" href="http://localhost{tree["glossary"].url}?letter=P">' in html
    empty = client.get(tree["glossary"].url + "?letter=Q")
    assert empty.status_code == 200
    assert "No terms start with this letter yet." in empty.content.decode()


def test_an_unknown_glossary_letter_is_not_found(client, tree, glossary_by_letter):
    assert client.get(tree["glossary"].url + "?letter=zz").status_code == 404


@pytest.fixture
def collections(tree):
    from hub.catalogue.factories import ReadingListIndexPageFactory, ReadingListPageFactory

    index = ReadingListIndexPageFactory(parent=tree["home"])
    collection = ReadingListPageFactory(
        parent=index, title="Localisation toolkit", items=[(tree["paper"], "Read first."), (tree["term"], "")]
    )
    collection.save_revision().publish()
    return {**tree, "collections": index, "collection": collection}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "collection",
            ["Localisation toolkit", "Community scorecards in practice", "Read first.", "Participatory planning"],
        ),
        ("collections", ["Localisation toolkit"]),
        ("home", ["Localisation toolkit", "All collections"]),
    ],
)
def test_collection_pages_render_within_the_budget(client, collections, django_assert_max_num_queries, key, expected):
    with django_assert_max_num_queries(20):
        response = client.get(collections[key].url)
    html = response.content.decode()
    for text in expected:
        assert text in html


def test_collection_query_counts_do_not_grow_with_items_or_collections(client, collections):
    """A collection costs the same queries with 2 items as with 12 of every type; its index, with 1 or 6 collections."""
    from events.factories import EventPageFactory
    from hub.catalogue.factories import ReadingListPageFactory
    from hub.catalogue.models import ReadingListItem
    from resources.factories import GlossaryTermPageFactory, PaperPageFactory

    keys = ["collection", "collections", "home"]
    before = {key: _queries(client, collections[key].url) for key in keys}
    collection = collections["collection"]
    for _ in range(4):
        for page in (
            PaperPageFactory(parent=collections["library"]),
            GlossaryTermPageFactory(parent=collections["glossary"]),
            EventPageFactory(parent=collections["events"]),
        ):
            collection.items.add(ReadingListItem(item_page=page, note="Worth it."))
    collection.save_revision().publish()
    for _ in range(5):
        ReadingListPageFactory(parent=collections["collections"], items=[(collections["paper"], "Again.")])
    after = {key: _queries(client, collections[key].url) for key in keys}
    assert after == before
