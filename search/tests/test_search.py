"""Faceted search as the public uses it: exact counts, facet logic, locale, paging, bad input."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.documents import rebuild
from search.models import SearchDocument
from search.tests.conftest import refresh_search_engine

pytestmark = pytest.mark.django_db

API = "/en/search/api/"


def facet(data, name):
    return {v["value"]: v["count"] for v in data["facets"][name]}


def selected(data, name):
    return sorted(v["value"] for v in data["facets"][name] if v["selected"])


def test_browsing_with_no_query_counts_every_type(client, corpus):
    data = client.get(API).json()
    assert data["count"] == 7
    assert facet(data, "type") == {"member": 2, "chapter": 1, "paper": 2, "event": 1, "term": 1}
    assert facet(data, "theme") == {"governance": 4, "climate": 1}
    assert facet(data, "sdg") == {"11": 1, "16": 1, "13": 1}
    assert facet(data, "year") == {"2021": 1, "2023": 1, "2026": 1}
    assert facet(data, "country") == {"KE": 1, "PE": 4, "KG": 1}
    assert facet(data, "member")["alpha"] == 3  # its own page, the Osh paper and the webinar


def test_index_pages_and_the_home_page_are_never_results(client, corpus):
    titles = {r["title"] for r in client.get(API).json()["results"]}
    assert "Members" not in titles and "Library" not in titles and "Events" not in titles


def test_a_query_matches_words_in_every_type(client, corpus):
    data = client.get(API, {"q": "budgeting"}).json()
    titles = {r["title"] for r in data["results"]}
    assert titles == {"Participatory budgeting in Osh", "Budgeting webinar for councillors", "Participatory budgeting"}
    assert facet(data, "type") == {"paper": 1, "event": 1, "term": 1}


def test_values_of_one_facet_are_ored(client, corpus):
    data = client.get(API + "?type=paper&type=event").json()
    assert data["count"] == 3


def test_different_facets_are_anded(client, corpus):
    data = client.get(API + "?type=paper&theme=governance").json()
    assert [r["title"] for r in data["results"]] == ["Participatory budgeting in Osh"]


def test_a_facets_counts_ignore_its_own_selection(client, corpus):
    """Selecting papers still shows how many events and members there are (disjunctive faceting)."""
    data = client.get(API + "?type=paper").json()
    assert facet(data, "type") == {"member": 2, "chapter": 1, "paper": 2, "event": 1, "term": 1}
    assert selected(data, "type") == ["paper"]
    # Other facets are narrowed by the selection.
    assert facet(data, "theme") == {"governance": 1, "climate": 1}
    assert facet(data, "year") == {"2021": 1, "2023": 1}


def test_counts_combine_a_query_and_selections(client, corpus):
    data = client.get(API, {"q": "budgeting", "theme": "governance", "type": "term"}).json()
    assert data["count"] == 1
    assert facet(data, "type") == {"paper": 1, "event": 1, "term": 1}
    assert facet(data, "theme") == {"governance": 1}


def test_facet_values_carry_human_labels(client, corpus):
    data = client.get(API).json()
    labels = {f: {v["value"]: v["label"] for v in values} for f, values in data["facets"].items()}
    assert labels["theme"]["governance"] == "Local governance"
    assert labels["sdg"]["13"] == "13. Climate action"
    assert labels["country"]["KG"] == "Kyrgyzstan"
    assert labels["member"]["beta"] == "Beta Collective"
    assert labels["type"]["term"] == "Glossary term"


def test_facets_and_variants_name_only_live_public_organisations(client, corpus):
    """An unpublished organisation (alpha) and a private one (beta) are named by no facet label and no
    "also called" line, though papers, events and terms still point at them."""
    corpus["alpha"].unpublish()
    PageViewRestriction.objects.create(page=corpus["beta"], restriction_type="password", password="pw")
    rebuild()
    refresh_search_engine()
    data = client.get(API, {"q": "budget circles"}).json()
    assert facet(data, "member") == {}
    assert not [r["also_called"] for r in data["results"] if any(v["by"] for v in r["also_called"])]
    everything = client.get(API).json()
    assert facet(everything, "member") == {}
    assert "Alliance" not in str(everything) and "Collective" not in str(everything)


def test_a_term_stops_naming_an_organisation_once_its_page_is_private(client, corpus):
    """The term's document is synced again when the organisation it names is restricted, with no rebuild."""
    assert client.get(API, {"q": "circles"}).json()["results"][0]["also_called"][0]["by"] == "Beta Collective"
    PageViewRestriction.objects.create(page=corpus["beta"], restriction_type="password", password="pw")
    refresh_search_engine()
    assert client.get(API, {"q": "circles"}).json()["results"][0]["also_called"] == [
        {"label": "Citizen budget circles", "by": ""}
    ]


def test_unknown_facet_values_and_sorts_are_ignored(client, corpus):
    data = client.get(API + "?type=widget&sdg=99&country=zzz&sort=sideways&colour=red").json()
    assert data["count"] == 7
    assert all(not v["selected"] for values in data["facets"].values() for v in values)


def test_newest_first_orders_by_publication_or_event_date(client, corpus):
    data = client.get(API + "?type=paper&type=event&sort=newest").json()
    assert [r["date"][:4] for r in data["results"]] == ["2026", "2023", "2021"]


def test_results_report_type_snippet_date_and_countries(client, corpus):
    result = client.get(API, {"q": "flood"}).json()["results"][0]
    assert result["title"] == "Flood maps drawn by villagers"
    assert result["url"] == corpus["floods"].url
    assert result["type"] == "paper"
    assert result["countries"] == ["PE"]
    assert result["date"] == "2023-06-01"
    assert "<mark>flood</mark>" in result["snippet"].lower()


def test_highlight_escapes_html_in_the_text():
    from search.engine import highlight

    assert highlight("Budgets <script>alert(1)</script> budgets", "budgets") == (
        "<mark>Budgets</mark> &lt;script&gt;alert(1)&lt;/script&gt; <mark>budgets</mark>"
    )


def test_an_in_house_label_finds_the_shared_term(client, corpus):
    data = client.get(API, {"q": "budget circles"}).json()
    assert data["results"][0]["title"] == "Participatory budgeting"


def test_pagination_clamps_out_of_range_pages(client, corpus):
    for page, expected in [("1", 1), ("-1", 1), ("abc", 1), ("999999999999", 1)]:
        data = client.get(API, {"page": page}).json()
        assert data["page"] == expected
        assert data["num_pages"] == 1


def test_search_stays_in_the_active_locale(client, corpus):
    from wagtail.models import Locale

    french = Locale.objects.get(language_code="fr")
    budgets_fr = corpus["budgets"].copy_for_translation(french, copy_parents=True)
    budgets_fr.title = "Budget participatif à Osh"
    budgets_fr.save_revision().publish()
    refresh_search_engine()

    english = client.get(API, {"q": "Osh"}).json()
    assert [r["title"] for r in english["results"]] == ["Participatory budgeting in Osh"]
    french_results = client.get("/fr/search/api/", {"q": "Osh"}).json()
    assert [r["title"] for r in french_results["results"]] == ["Budget participatif à Osh"]
    everything = client.get(API, {"q": "Osh", "lang_scope": "all"}).json()
    assert {r["language"] for r in everything["results"]} == {"en", "fr"}


def test_autocomplete_suggests_glossary_terms_first(client, corpus):
    suggestions = client.get("/en/search/autocomplete/", {"q": "particip"}).json()["suggestions"]
    assert suggestions[0] == {"title": "Participatory budgeting", "url": corpus["term"].url, "type": "term"}
    assert "Participatory budgeting in Osh" in [s["title"] for s in suggestions]


def test_html_results_page_is_noindex_and_uncached_with_a_query(client, corpus):
    response = client.get("/en/search/", {"q": "budgeting", "type": "paper"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"]
    assert 'name="type" value="paper" checked' in html
    assert "Participatory budgeting in Osh" in html
    assert "Remove filter Content type: Paper" in html


def test_search_terms_are_recorded_and_promotions_shown(client, corpus):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(query=Query.get("floods"), page=corpus["floods"], description="Start here")
    client.get("/en/search/", {"q": "floods"})
    html = client.get("/en/search/", {"q": "Floods"}).content.decode()
    assert Query.get("floods").hits == 2
    assert "Start here" in html


def test_query_count_is_fixed_whatever_the_number_of_results(client, corpus, django_assert_max_num_queries):
    url = API + "?q=budgeting&type=paper&theme=governance&sdg=11"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    from resources.factories import PaperPageFactory

    for number in range(15):
        paper = PaperPageFactory(parent=corpus["library"], title=f"Budgeting study {number}")
        paper.themes.set(corpus["budgets"].themes.all())
        paper.save_revision().publish()
    refresh_search_engine()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
    assert len(large) <= 20


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "NEAR(a b)",
        "a* OR -b",
        "title:x AND",
        "'; DROP TABLE x; --",
        "x" * 5000,
        "\u202e\u200fabc",
        "\x00\x07",
        "(((",
        "🙂",
    ],
)
def test_hostile_queries_answer_200(client, corpus, q):
    assert client.get(API, {"q": q}).status_code == 200
    assert client.get("/en/search/", {"q": q}).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.text(max_size=300),
    page=st.text(max_size=12),
    values=st.lists(
        st.tuples(
            st.sampled_from(["type", "theme", "sdg", "country", "year", "lang", "member", "sort", "zzz"]),
            st.text(max_size=20),
        ),
        max_size=6,
    ),
)
def test_no_input_makes_search_fail(client, corpus, q, page, values):
    params = [("q", q), ("page", page), *values]
    for url in (API, "/en/search/", "/en/search/autocomplete/"):
        response = client.get(url, params)
        assert response.status_code in (200, 400), (url, params)


class TestSync:
    def test_unpublishing_removes_the_document(self, corpus):
        corpus["floods"].unpublish()
        assert not SearchDocument.objects.filter(page=corpus["floods"]).exists()

    def test_deleting_removes_the_document(self, corpus):
        page_id = corpus["floods"].pk
        corpus["floods"].delete()
        assert not SearchDocument.objects.filter(page_id=page_id).exists()

    def test_moving_updates_the_url(self, corpus):
        corpus["webinar"].move(corpus["events"], pos="last-child")
        document = SearchDocument.objects.get(page=corpus["webinar"])
        assert document.url.startswith(corpus["events"].url)

    def test_a_private_page_leaves_search(self, corpus):
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(page=corpus["library"], restriction_type="login")
        assert not SearchDocument.objects.filter(page=corpus["budgets"]).exists()

    def test_republishing_updates_facets(self, corpus):
        from hub.base.models import SDG

        corpus["floods"].sdgs.set(SDG.objects.filter(number=6))
        corpus["floods"].save_revision().publish()
        assert SearchDocument.objects.get(page=corpus["floods"]).facet_sdg() == ["6"]

    def test_rebuild_recreates_every_document(self, corpus):
        SearchDocument.objects.all().delete()
        assert rebuild() == 7


def test_a_term_found_by_its_variant_says_who_calls_it_that(client, corpus):
    result = client.get(API, {"q": "budget circles"}).json()["results"][0]
    assert result["also_called"] == [{"label": "Citizen budget circles", "by": "Beta Collective"}]
    html = client.get("/en/search/", {"q": "budget circles"}).content.decode()
    assert "Also called “Citizen budget circles” by Beta Collective" in html
