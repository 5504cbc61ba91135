"""Facets with many values list the 15 most frequent and the selected ones, with "show all".

The tests here only read the twenty papers built once for the module; test_facet_members.py has the
others (the member facet, bad parameters)."""

import datetime
import re

from django.db import transaction

import pytest

from search.tests.conftest import refresh_search_engine

pytestmark = pytest.mark.django_db

API = "/en/search/api/"
HTML = "/en/search/"
# Twenty countries, the first in 20 papers, the second in 19, ... the last in one.
CODES = ["AR", "BO", "BR", "CL", "CO", "EC", "GH", "IN", "KE", "KG"]
CODES += ["MX", "NG", "NP", "PE", "PH", "SN", "TZ", "UG", "VN", "ZA"]
EXPECTED = {code: 20 - i for i, code in enumerate(CODES)}


@pytest.fixture(scope="module")
def _twenty_countries(django_db_setup, django_db_blocker, shared_search_engine_data):
    """Built and indexed once for the module, whose tests only read it: in a transaction rolled back
    after the last of them (each test's own transaction is a savepoint inside it)."""
    from wagtail.models import Page, Site

    from hub.base.factories import HomePageFactory
    from resources.factories import PaperIndexPageFactory, PaperPageFactory

    with django_db_blocker.unblock(), transaction.atomic():
        shared_search_engine_data.start()
        home = HomePageFactory(parent=Page.get_first_root_node())
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
        library = PaperIndexPageFactory(parent=home)
        for n in range(1, 21):
            paper = PaperPageFactory(
                parent=library, title=f"Paper {n}", countries=CODES[:n], publication_date=datetime.date(2024, 1, n)
            )
            paper.save_revision().publish()
        refresh_search_engine()
        shared_search_engine_data.keep()
        yield
        shared_search_engine_data.end()
        transaction.set_rollback(True)


@pytest.fixture
def twenty_countries(_twenty_countries, db):
    return None


def countries(data):
    return {v["value"]: v["count"] for v in data["facets"]["country"]}


def test_a_long_facet_lists_its_15_most_frequent_values_with_exact_counts(client, twenty_countries):
    data = client.get(API).json()
    assert countries(data) == {code: EXPECTED[code] for code in CODES[:15]}
    assert [v["value"] for v in data["facets"]["country"]] == CODES[:15]  # most frequent first
    assert set(data["facets_more"]) == {"country"}


def test_show_all_lists_every_value_with_the_same_counts(client, twenty_countries):
    url = client.get(API, {"q": "paper"}).json()["facets_more"]["country"]
    assert url.startswith(API) and "all_facets=country" in url and "q=paper" in url
    data = client.get(url).json()
    assert countries(data) == EXPECTED
    assert "country" not in data["facets_more"]


def test_a_selected_value_outside_the_top_15_is_still_shown(client, twenty_countries):
    data = client.get(API, {"country": "ZA"}).json()
    assert data["count"] == 1
    shown = countries(data)
    # The facet's own selection does not narrow its counts (disjunctive): the top 15 and the selection.
    assert shown == {**{code: EXPECTED[code] for code in CODES[:15]}, "ZA": 1}
    assert [v["value"] for v in data["facets"]["country"] if v["selected"]] == ["ZA"]
    assert "all_facets=country" in data["facets_more"]["country"] and "country=ZA" in data["facets_more"]["country"]


def test_facet_limit_sets_the_number_of_values(client, twenty_countries):
    data = client.get(API, {"facet_limit": "5"}).json()
    assert countries(data) == {code: EXPECTED[code] for code in CODES[:5]}
    assert countries(client.get(API, {"facet_limit": "20"}).json()) == EXPECTED
    assert "country" not in client.get(API, {"facet_limit": "20"}).json()["facets_more"]


def test_short_facets_have_no_show_all(client, twenty_countries):
    data = client.get(API).json()
    assert data["facets"]["year"] == [{"value": "2024", "label": "2024", "count": 20, "selected": False}]
    assert "year" not in data["facets_more"]


def test_the_html_page_has_a_show_all_link_in_the_facets_group(client, twenty_countries):
    html = client.get(HTML, {"q": "paper"}).content.decode()
    group = re.search(r'<fieldset class="facet" id="facet-country">(.*?)</fieldset>', html, re.S).group(1)
    assert "<legend>Country</legend>" in group
    assert group.count('type="checkbox"') == 15
    link = re.search(r'<a href="([^"]+)">\s*Show all values: Country', group)
    assert link, group
    url = HTML + link.group(1).replace("&amp;", "&").split("#")[0]
    expanded = client.get(url).content.decode()
    group = re.search(r'<fieldset class="facet" id="facet-country">(.*?)</fieldset>', expanded, re.S).group(1)
    assert group.count('type="checkbox"') == 20
    assert "Show the most frequent values only: Country" in group
    # Applying filters keeps the facet shown whole.
    assert '<input type="hidden" name="all_facets" value="country">' in group
