"""The faceted search engine itself: ranking, counts against a reference, cost, hostile text."""

import datetime

from django.core.paginator import Paginator
from django.http import QueryDict

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.engine import WORD, faceted_search
from search.engine.database import fts_match
from search.models import SearchDocument, SearchFacet
from search.params import FACETS, SearchParams
from search.tests.conftest import refresh_search_engine

pytestmark = pytest.mark.django_db


def params(query=""):
    return SearchParams.from_querydict(QueryDict(query))


def reference(search_params, locale):
    """(titles, counts) computed the slow, obvious way: Wagtail's own match, facets counted in Python."""
    documents = SearchDocument.objects.filter(locale=locale)
    terms = WORD.findall(search_params.query)
    if terms:
        documents = documents.search(" ".join(terms), operator="and", order_by_relevance=False)
    matched = {document.pk: document.title for document in documents}
    values = {pk: {} for pk in matched}
    for row in SearchFacet.objects.filter(document_id__in=matched):
        values[row.document_id].setdefault(row.facet, set()).add(row.value)

    def passes(pk, exclude=None):
        selected = search_params.selected.items()
        return all(values[pk].get(f, set()) & set(chosen) for f, chosen in selected if f != exclude)

    counts = {facet: {} for facet in FACETS}
    for pk in matched:
        for facet in FACETS:
            if passes(pk, exclude=facet):
                for value in values[pk].get(facet, ()):
                    counts[facet][value] = counts[facet].get(value, 0) + 1
    return {title for pk, title in matched.items() if passes(pk)}, counts


@pytest.mark.parametrize(
    "query",
    [
        "",
        "type=paper",
        "type=paper&type=event&theme=governance",
        "member=alpha&sdg=11",
        "q=budgeting",
        "q=budgeting&type=term&theme=governance",
        "q=villagers&country=PE",
        "q=maps&method=asset-mapping&year=2023",
        "q=budgeting&sort=newest&theme=climate",
        "q=nothing+matches+this",
    ],
)
def test_counts_and_results_match_a_reference_computed_in_python(corpus, query):
    english = Locale.get_default()
    search_params = params(query)
    search = faceted_search(search_params, english)
    titles, counts = reference(search_params, english)
    assert search.facet_counts() == counts
    assert search.results.count() == len(titles)
    assert {document.title for document in search.results[0:100]} == titles


@pytest.fixture
def cooperatives(corpus):
    """Two papers on one word: the older has it in its title, the newer only in its abstract."""
    from resources.factories import PaperPageFactory

    old = PaperPageFactory(
        parent=corpus["library"],
        title="Cooperatives in the Andes",
        abstract="Savings groups and shared tools in mountain villages.",
        publication_date=datetime.date(2012, 1, 1),
    )
    new = PaperPageFactory(
        parent=corpus["library"],
        title="Annual review of savings groups",
        abstract="Notes on cooperatives, savings groups and village banks.",
        publication_date=datetime.date(2024, 1, 1),
    )
    for page in (old, new):
        page.save_revision().publish()
    refresh_search_engine()
    return old, new


def test_a_title_match_ranks_above_a_newer_body_match(client, cooperatives):
    titles = [r["title"] for r in client.get("/en/search/api/", {"q": "cooperatives"}).json()["results"]]
    assert titles == ["Cooperatives in the Andes", "Annual review of savings groups"]
    newest = client.get("/en/search/api/", {"q": "cooperatives", "sort": "newest"}).json()["results"]
    assert [r["title"] for r in newest] == ["Annual review of savings groups", "Cooperatives in the Andes"]


@pytest.mark.parametrize("query", ["budgeting", "villagers", "maps", "budget circles", "cooperatives"])
def test_relevance_order_is_wagtails_own(cooperatives, query):
    english = Locale.get_default()
    documents = SearchDocument.objects.filter(locale=english).search(query, operator="and")
    search = faceted_search(params(f"q={query}"), english)
    assert [d.title for d in search.results[0:100]] == [d.title for d in documents]


def test_ranked_pages_follow_on_without_gaps_or_repeats(corpus):
    from resources.factories import PaperPageFactory

    for number in range(12):
        PaperPageFactory(parent=corpus["library"], title=f"Harvest ledger {number}").save_revision().publish()
    refresh_search_engine()
    search = faceted_search(params("q=harvest+ledger"), Locale.get_default())
    paginator = Paginator(search.results, 5)
    pages = [[d.title for d in paginator.page(n).object_list] for n in paginator.page_range]
    assert [len(page) for page in pages] == [5, 5, 2]
    assert len({title for page in pages for title in page}) == 12 == paginator.count


@pytest.mark.searchengine
@pytest.mark.parametrize("query", ["q=harvest+ledger&page=2", "q=harvest+ledger&type=paper&sort=newest&page=3", ""])
def test_the_engine_fetches_the_planned_page_with_the_counts_in_one_round_trip(corpus, monkeypatch, query):
    from resources.factories import PaperPageFactory
    from search.engine.searchengine import EngineFacetedSearch

    for number in range(12):
        PaperPageFactory(parent=corpus["library"], title=f"Harvest ledger {number}").save_revision().publish()
    refresh_search_engine()
    round_trips = []
    send = EngineFacetedSearch._msearch
    monkeypatch.setattr(EngineFacetedSearch, "_msearch", lambda self, s: round_trips.append(s) or send(self, s))
    english = Locale.get_default()

    planned = faceted_search(params(query), english, page_size=5)
    page = Paginator(planned.results, 5).get_page(planned.params.page)
    shown = [d.pk for d in page.object_list]
    counts = planned.facet_counts()
    assert len(round_trips) == 1, "counts and the page of hits come in one round trip"
    assert [body.get("size") for _header, body in round_trips[0]] == [0, 0, 5], "two counting searches, one page"
    assert shown, "the page has results"

    # The same page and counts as a search that asks for them separately.
    separate = faceted_search(params(query), english)
    start = (page.number - 1) * 5
    assert [d.pk for d in separate.results[start : start + 5]] == shown
    assert separate.facet_counts() == counts
    assert separate.results.count() == page.paginator.count
    assert len(round_trips) == 3


@pytest.mark.searchengine
def test_repeated_counts_come_from_the_engines_request_cache_until_the_index_changes(corpus):
    """The counts are a search the engine can cache (no hits, nothing that varies): the same search
    again is answered from the shard request cache; a publish empties it, and the counts include
    the new page."""
    from resources.factories import PaperPageFactory
    from search.engine import engine_backend
    from search.engine.searchengine import EngineFacetedSearch

    backend = engine_backend()
    index = backend.get_index_for_model(SearchDocument).name
    english = Locale.get_default()

    def cache_hits():
        stats = backend.es.indices.stats(index=index, metric="request_cache")
        return stats["_all"]["total"]["request_cache"]["hit_count"]

    def papers():
        return faceted_search(params("q=harvest+ledger"), english, page_size=10).facet_counts()["type"].get("paper")

    PaperPageFactory(parent=corpus["library"], title="Harvest ledger one").save_revision().publish()
    refresh_search_engine()
    assert papers() == 1
    before = cache_hits()
    assert papers() == 1
    assert cache_hits() == before + len(EngineFacetedSearch.COUNT_GROUPS), "the counts came from the request cache"

    PaperPageFactory(parent=corpus["library"], title="Harvest ledger two").save_revision().publish()
    refresh_search_engine()
    assert papers() == 2, "a publish reaches the counts at once"


@pytest.mark.searchengine
@pytest.mark.parametrize("query", ["", "type=paper&theme=governance", "q=budgeting&sdg=11"])
def test_an_index_written_before_facet_pairs_existed_still_counts_exactly(corpus, monkeypatch, caplog, query):
    """After an upgrade, until `update_index` runs, the engine's documents have no `facet_pairs`: the
    counts notice (the type pairs do not add up to the result) and count facet by facet."""
    from search.engine.searchengine import EngineFacetedSearch
    from search.models import SearchDocument as Document

    english = Locale.get_default()
    expected = faceted_search(params(query), english, page_size=10).facet_counts()
    monkeypatch.setattr(Document, "facet_pairs", lambda self: [])
    get_search_backend().add_bulk(Document, list(Document.get_indexed_objects()))
    refresh_search_engine()
    round_trips = []
    send = EngineFacetedSearch._msearch
    monkeypatch.setattr(EngineFacetedSearch, "_msearch", lambda self, s: round_trips.append(s) or send(self, s))

    search = faceted_search(params(query), english, page_size=10)
    assert search.facet_counts() == expected
    assert {k: v for k, v in expected.items() if v}, "the corpus has values to count"
    assert len(round_trips) == 2, "the facets were counted again, one by one"
    assert "update_index" in caplog.text


@pytest.mark.searchengine
def test_without_the_request_cache_the_engine_counts_afresh(corpus, monkeypatch):
    from search.engine import engine_backend
    from search.engine.searchengine import EngineFacetedSearch

    monkeypatch.setattr(EngineFacetedSearch, "REQUEST_CACHE", False)
    backend = engine_backend()
    index = backend.get_index_for_model(SearchDocument).name
    english = Locale.get_default()
    before = backend.es.indices.stats(index=index, metric="request_cache")["_all"]["total"]["request_cache"]
    for _ in range(3):
        faceted_search(params("q=budgeting"), english, page_size=10).facet_counts()
    after = backend.es.indices.stats(index=index, metric="request_cache")["_all"]["total"]["request_cache"]
    assert (after["hit_count"], after["miss_count"]) == (before["hit_count"], before["miss_count"])


@pytest.mark.searchengine
def test_pages_past_the_engines_result_window_are_not_offered(client, corpus, monkeypatch):
    """The engine refuses from + size past index.max_result_window (10,000): such pages are not linked,
    asking for one shows the last page it can fetch, and the count is still the true total."""
    from resources.factories import PaperPageFactory
    from search.engine.searchengine import EngineFacetedSearch

    for number in range(25):
        PaperPageFactory(parent=corpus["library"], title=f"Harvest ledger {number}").save_revision().publish()
    refresh_search_engine()
    monkeypatch.setattr(EngineFacetedSearch, "MAX_RESULT_WINDOW", 20)
    data = client.get("/en/search/api/", {"q": "harvest ledger", "page": "3"}).json()
    assert (data["count"], data["num_pages"], data["page"]) == (25, 2, 2)
    assert len(data["results"]) == 10
    page = client.get("/en/search/", {"q": "harvest ledger", "page": "999999999999"})
    assert page.status_code == 200
    assert "25 results" in page.content.decode()


@pytest.mark.parametrize("extra_papers", [0, 25])
def test_one_search_costs_at_most_three_queries_whatever_the_result_count(
    corpus, django_assert_max_num_queries, extra_papers
):
    """Counts, the page of ids and the documents: not one query more per result or per facet selected."""
    from resources.factories import PaperPageFactory

    for number in range(extra_papers):
        paper = PaperPageFactory(parent=corpus["library"], title=f"Budgeting study {number}")
        paper.themes.set(corpus["budgets"].themes.all())
        paper.save_revision().publish()
    refresh_search_engine()
    english = Locale.get_default()
    for query in ["q=budgeting&type=paper&theme=governance&sdg=11&country=KG", "type=paper&year=2021", "q=budgeting"]:
        with django_assert_max_num_queries(3):
            search = faceted_search(params(query), english)
            page = Paginator(search.results, 10).get_page("1")
            list(page.object_list)
            search.facet_counts()
            assert page.paginator.count >= 1


@pytest.mark.parametrize(
    "query",
    ['budgeting" OR "floods', "budgeting OR floods", "NEAR(budgeting floods)", "title:budgeting", "{title} : floods"],
)
def test_full_text_operators_in_a_query_are_words_not_syntax(corpus, query):
    """Read as operators these would find the budgeting and flood pages; as words nothing has them all."""
    search = faceted_search(params(f"q={query}"), Locale.get_default())
    assert search.results.count() == 0
    assert list(search.results[0:10]) == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=120), sort=st.sampled_from(["relevance", "newest"]))
def test_any_text_searches_without_a_database_error(corpus, q, sort):
    search = faceted_search(SearchParams(query=q, sort=sort), Locale.get_default())
    documents = search.results[0:10]
    assert search.results.count() >= len(documents)
    search.facet_counts()


@given(q=st.text(max_size=200))
def test_the_fts_match_quotes_every_word_and_nothing_else(q):
    terms = WORD.findall(q)
    if terms:
        match = fts_match(terms)
        assert match.count('"') == 2 * len(terms)
        assert match.startswith("{title body} : (") and match.endswith(")")
