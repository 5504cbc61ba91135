"""Every page type renders what a visitor expects, within a fixed number of queries."""

from wagtail.models import get_page_models

import pytest

pytestmark = pytest.mark.django_db

HUB_APPS = {"hub", "members", "resources", "events"}


def factory_models():
    import events.factories
    import hub.factories
    import members.factories
    import resources.factories

    models = set()
    for module in (hub.factories, members.factories, resources.factories, events.factories):
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
        ("home", ["Community-led Development Hub", "Community scorecards in practice", "Peru chapter webinar"], 22),
        ("member_index", ["Village Voices Network"], 21),
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
            26,
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
                "peru-chapter@example.org",
            ],
            27,
        ),
        ("glossary", ["Participatory planning", "Local self-government", 'href="#letter-P"'], 20),
        (
            "term",
            ["Participatory planning", "Village visioning", "Village Voices Network", "Local self-government"],
            24,
        ),
        ("library", ["Community scorecards in practice"], 21),
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
            26,
        ),
        ("events", ["Peru chapter webinar", "Localisation seminar"], 22),
        (
            "event",
            ["Peru chapter webinar", "America/Lima", "Amina Odhiambo", "Village Voices Network", "Peru chapter"],
            24,
        ),
    ],
)
def test_page_renders_its_fields(client, tree, django_assert_max_num_queries, key, expected, max_queries):
    page = tree[key]
    with django_assert_max_num_queries(max_queries):
        response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, f"{text!r} missing from {page.url}"


def test_member_contact_email_is_never_shown(client, tree):
    html = client.get(tree["member"].url).content.decode()
    assert "secretariat-only@example.org" not in html


def test_index_query_counts_do_not_grow_with_content(client, tree):
    """Ten more papers cost the library page no extra queries (no N+1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resources.factories import PaperPageFactory

    client.get(tree["library"].url)
    with CaptureQueriesContext(connection) as before:
        client.get(tree["library"].url)
    for _ in range(10):
        PaperPageFactory(parent=tree["library"])
    client.get(tree["library"].url)
    with CaptureQueriesContext(connection) as after:
        client.get(tree["library"].url)
    assert len(after) == len(before)


def test_past_event_offers_its_recording_and_no_registration(client, tree):
    html = client.get(tree["past_event"].url).content.decode()
    assert "https://example.org/recording" in html
    assert "Past event" in html
