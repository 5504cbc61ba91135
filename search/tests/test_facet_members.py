"""The member facet's limit and bad facet-list parameters (test_facet_limit.py has the long country facet)."""

import pytest

pytestmark = pytest.mark.django_db

API = "/en/search/api/"
HTML = "/en/search/"


@pytest.mark.parametrize(
    "params",
    [
        {"all_facets": "zzz"},
        {"all_facets": "<script>"},
        {"facet_limit": "abc"},
        {"facet_limit": "0"},
        {"facet_limit": "1001"},
        {"facet_limit": "-3"},
    ],
)
def test_bad_facet_list_parameters_answer_400_with_a_message(client, home, params):
    response = client.get(API, params)
    assert response.status_code == 400
    assert "all_facets" in response.json()["error"] or "facet_limit" in response.json()["error"]
    html = client.get(HTML, params)
    assert html.status_code == 400
    assert b"Bad search link" in html.content
    assert client.get("/en/search/export.csv", params).status_code == 400


def test_the_member_facet_keeps_the_selected_organisation_and_its_exact_count(client, corpus):
    full = {v["value"]: v["count"] for v in client.get(API, {"all_facets": "member"}).json()["facets"]["member"]}
    assert full["beta"] > full["alpha"] > 0
    top = client.get(API, {"facet_limit": "1"}).json()
    assert [(v["value"], v["count"]) for v in top["facets"]["member"]] == [("beta", full["beta"])]
    assert "all_facets=member" in top["facets_more"]["member"]
    chosen = client.get(API, {"facet_limit": "1", "member": "alpha"}).json()
    shown = {v["value"]: v["count"] for v in chosen["facets"]["member"]}
    assert shown == {"alpha": full["alpha"], "beta": full["beta"]}


def test_an_unpublished_organisation_never_fills_a_place_in_the_top_values(client, corpus):
    assert [v["value"] for v in client.get(API, {"facet_limit": "1"}).json()["facets"]["member"]] == ["beta"]
    corpus["beta"].unpublish()  # papers still name it, but its name is no longer public
    data = client.get(API, {"facet_limit": "1"}).json()
    assert [v["value"] for v in data["facets"]["member"]] == ["alpha"]
