"""Related content on every page: what shares the most with it, in its language, never drafts or private pages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, PageViewRestriction

import pytest

from search.related import related_pages

pytestmark = pytest.mark.django_db


def publish(*pages):
    for page in pages:
        page.save_revision().publish()
    return pages[0] if len(pages) == 1 else pages


@pytest.fixture
def hub(home):
    """A paper and pages sharing known things with it, so the scores are known exactly.

    The paper uses method "Asset mapping" (3) and theme "Local governance" (2), in Kenya (1), on
    SDG 5 (1), published by Alpha (2).
    """
    from events.factories import EventIndexPageFactory, EventPageFactory
    from hub.base.factories import MethodFactory, ThemeFactory
    from hub.base.models import SDG
    from members.factories import MemberIndexPageFactory, MemberPageFactory
    from resources.factories import GlossaryIndexPageFactory, PaperIndexPageFactory, PaperPageFactory

    mapping = MethodFactory(name="Asset mapping", slug="asset-mapping")
    scorecards = MethodFactory(name="Community scorecards", slug="community-scorecards")
    governance = ThemeFactory(name="Local governance", slug="local-governance")
    gender = SDG.objects.get(number=5, locale=home.locale)

    members = MemberIndexPageFactory(parent=home)
    alpha = MemberPageFactory(parent=members, title="Alpha Alliance", headquarters="PE", countries=[])
    library = PaperIndexPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    glossary = GlossaryIndexPageFactory(parent=home)

    def paper(title, date, countries=(), methods=(), themes=(), sdgs=(), organisations=()):
        page = PaperPageFactory(
            parent=library, title=title, countries=list(countries), publication_date=datetime.date(*date)
        )
        page.methods.set(methods)
        page.themes.set(themes)
        page.sdgs.set(sdgs)
        page.organisations.set(organisations)
        return page

    page = paper(
        "Village asset maps",
        (2024, 1, 1),
        countries=["KE"],
        methods=[mapping],
        themes=[governance],
        sdgs=[gender],
        organisations=[alpha],
    )
    pages = {
        "page": page,
        # 3 + 2 + 1 = 6
        "best": paper("Mapping councils in Kenya", (2020, 1, 1), ["KE"], [mapping], [governance]),
        # 3: ties go to the newest page (the highest page id), whatever the publication date
        "method_new": paper("Asset maps again", (2023, 1, 1), ["PE"], [mapping]),
        "method_old": paper("Asset maps first", (2019, 1, 1), ["PE"], [mapping]),
        # 2 (organisation) + 1 (SDG) = 3, the newest page of the three with 3
        "org_sdg": paper("Alpha on gender", (2018, 1, 1), ["PE"], [scorecards], sdgs=[gender], organisations=[alpha]),
        # 2: the member page itself shares its organisation
        "alpha": alpha,
        # 1: a country only
        "country": paper("Kenyan scorecards", (2025, 1, 1), ["KE"], [scorecards]),
        "nothing": paper("Flood plans in Peru", (2025, 1, 1), ["PE"], [scorecards]),
    }
    event = EventPageFactory(parent=events, title="Governance webinar", country="PE")
    event.themes.set([governance])
    pages["event"] = event  # 2, a newer page than the member page
    publish(*[p for key, p in pages.items() if key != "event"])
    publish(event)
    pages.update(home=home, library=library, glossary=glossary, mapping=mapping)
    return pages


def titles(items):
    return [item.title for item in items]


def test_related_pages_are_ranked_by_what_they_share_then_newest_first(hub):
    assert titles(related_pages(hub["page"])) == [
        "Mapping councils in Kenya",  # method, theme, country: 6
        "Alpha on gender",  # organisation, SDG: 3, the newest page of the three
        "Asset maps first",  # method: 3
        "Asset maps again",  # method: 3
        "Governance webinar",  # theme: 2, a newer page than the member page
    ]
    assert [item.score for item in related_pages(hub["page"])] == [6, 3, 3, 3, 2]


def test_related_order_is_the_same_every_time(hub):
    first = titles(related_pages(hub["page"], limit=20))
    assert all(titles(related_pages(hub["page"], limit=20)) == first for _ in range(3))
    # Everything that shares something, and nothing else: never the page itself.
    assert set(first) == {
        "Mapping councils in Kenya",
        "Asset maps again",
        "Asset maps first",
        "Alpha on gender",
        "Governance webinar",
        "Alpha Alliance",
        "Kenyan scorecards",
    }


def test_the_paper_page_shows_five_related_items_of_any_type(client, hub):
    html = client.get(hub["page"].url).content.decode()
    section = html[html.index('id="related-content-title"') :]
    shown = [t for t in titles(related_pages(hub["page"])) if t in section]
    assert shown == titles(related_pages(hub["page"]))
    assert section.count('class="card"') == 5
    assert "Event" in section and "Paper" in section
    assert "Flood plans in Peru" not in section


def test_a_member_page_relates_the_papers_it_published(client, hub):
    html = client.get(hub["alpha"].url).content.decode()
    section = html[html.index('id="related-content-title"') :]
    assert "Village asset maps" in section
    assert "Alpha on gender" in section


def test_drafts_and_private_pages_are_never_related(client, hub):
    from resources.factories import PaperPageFactory

    draft = PaperPageFactory(parent=hub["library"], title="Draft asset maps", countries=["KE"], live=False)
    draft.methods.set([hub["mapping"]])
    draft.save_revision()
    publish(hub["best"]).unpublish()
    PageViewRestriction.objects.create(page=hub["method_new"], restriction_type="password", password="pw")

    shown = titles(related_pages(hub["page"], limit=20))
    assert "Draft asset maps" not in shown
    assert "Mapping councils in Kenya" not in shown
    assert "Asset maps again" not in shown
    html = client.get(hub["page"].url).content.decode()
    assert "Asset maps again" not in html
    assert "Draft asset maps" not in html


def test_a_page_sharing_nothing_has_no_related_section(client, hub):
    hub["nothing"].methods.set([])
    publish(hub["nothing"])
    from resources.factories import PaperPageFactory

    alone = publish(PaperPageFactory(parent=hub["library"], title="Alone", countries=[]))
    assert related_pages(alone) == []
    html = client.get(alone.url).content.decode()
    assert "related-content-title" not in html


def test_a_paper_naming_a_glossary_term_relates_to_the_term(client, hub):
    from resources.factories import GlossaryTermPageFactory, PaperPageFactory

    term = publish(GlossaryTermPageFactory(parent=hub["glossary"], title="Village visioning"))
    paper = PaperPageFactory(
        parent=hub["library"],
        title="Dreams of a village",
        countries=[],
        abstract="How Village Visioning works in ten villages.",
    )
    publish(paper)
    assert titles(related_pages(term)) == ["Dreams of a village"]
    assert "Village visioning" in titles(related_pages(paper))
    html = client.get(term.url).content.decode()
    assert "Dreams of a village" in html[html.index('id="related-content-title"') :]


def test_related_is_in_the_page_language_else_the_source_language_with_a_badge(client, hub):
    french = Locale.objects.get(language_code="fr")
    page_fr = hub["page"].copy_for_translation(french, copy_parents=True)
    page_fr.title = "Cartes des biens du village"
    publish(page_fr)
    best_fr = hub["best"].copy_for_translation(french, copy_parents=True)
    best_fr.title = "Cartographier les conseils au Kenya"
    publish(best_fr)

    shown = related_pages(page_fr)
    assert titles(shown)[0] == "Cartographier les conseils au Kenya"
    assert shown[0].locale.language_code == "fr"
    # Not translated: in English, and the English original of a translated page is left out.
    assert titles(shown)[1:] == ["Alpha on gender", "Asset maps first", "Asset maps again", "Governance webinar"]
    assert {item.locale.language_code for item in shown[1:]} == {"en"}
    assert "Village asset maps" not in titles(related_pages(page_fr, limit=20))
    assert "Mapping councils in Kenya" not in titles(related_pages(page_fr, limit=20))

    html = client.get(page_fr.url).content.decode()
    section = html[html.index('id="related-content-title"') :]
    assert 'lang="en">Asset maps again</a>' in section
    assert "English" in section  # the language badge
    # An English page never shows French ones.
    assert "Cartographier les conseils au Kenya" not in titles(related_pages(hub["page"], limit=20))


def test_a_method_page_relates_the_pages_that_use_its_method(client, hub):
    from hub.catalogue.factories import MethodIndexPageFactory, MethodPageFactory

    index = MethodIndexPageFactory(parent=hub["home"])
    method_page = publish(MethodPageFactory(parent=index, title="Asset mapping", method=hub["mapping"]))
    assert titles(related_pages(method_page)) == [
        "Asset maps first",
        "Asset maps again",
        "Mapping councils in Kenya",
        "Village asset maps",
    ]
    html = client.get(method_page.url).content.decode()
    assert "Asset maps first" in html[html.index('id="related-content-title"') :]


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("key", ["page", "alpha", "event"])
def test_related_costs_a_page_one_query(client, hub, monkeypatch, key):
    url = hub[key].url
    with_section = _count(client, url)
    monkeypatch.setattr("search.wagtail_hooks.SHOWN_ON", ())
    without = _count(client, url)
    assert with_section - without == 1
