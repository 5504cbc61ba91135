"""Hostile input from anonymous visitors is the client's error (400 with a message), never a 500 (issue 24)."""

import pytest

pytestmark = pytest.mark.django_db

BIG = "9" * 20  # past a 64-bit integer


@pytest.mark.parametrize("value", ["\u00b2", "\u2460", "٣", BIG])
def test_a_crosswalk_organisation_that_is_no_number_is_refused_with_a_message(client, tree, value):
    response = client.get(tree["glossary"].url + "crosswalk/", {"organisation": value})
    assert response.status_code == 400
    assert "There is no member organisation" in response.content.decode()


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize("name", ["offset", "limit"])
def test_an_api_offset_or_limit_past_64_bits_is_refused(client, tree, endpoint, name):
    response = client.get(f"/api/v2/{endpoint}/", {name: BIG})
    assert response.status_code == 400
    assert name in response.json()["message"]


@pytest.mark.parametrize(
    ("page_type", "field"),
    [
        ("resources.PaperPage", "organisations"),
        ("events.EventPage", "chapter"),
        ("members.MemberPage", "logo"),
        ("resources.PaperPage", "id"),
    ],
)
@pytest.mark.parametrize("value", [BIG, "-" + BIG])
def test_an_api_filter_on_an_integer_past_64_bits_is_refused(client, tree, page_type, field, value):
    response = client.get("/api/v2/pages/", {"type": page_type, field: value})
    assert response.status_code == 400
    assert field in response.json()["message"]


def test_an_api_filter_on_keywords_finds_the_tagged_papers(client, tree):
    paper = tree["paper"]
    paper.keywords.add("water")
    paper.save_revision().publish()
    for keyword, expected in (("water", [paper.pk]), ("x", [])):
        response = client.get("/api/v2/pages/", {"type": "resources.PaperPage", "keywords": keyword})
        assert response.status_code == 200, response.content
        assert [item["id"] for item in response.json()["items"]] == expected


def test_a_failing_query_is_a_500_not_a_database_outage(rf):
    """Only a refused or lost connection is answered as "database down" (503); a bad query is a bug."""
    from django.db import connection
    from django.db.utils import OperationalError, ProgrammingError

    from hub.errors import server_error

    for error in (OperationalError, ProgrammingError):
        try:
            with connection.cursor() as cursor:
                try:
                    cursor.execute("SELECT no_such_column FROM wagtailcore_page")
                except Exception as cause:
                    raise error("no such column: no_such_column") from cause
        except error:
            response = server_error(rf.get("/en/"))
        assert response.status_code == 500, error
        assert "Retry-After" not in response
