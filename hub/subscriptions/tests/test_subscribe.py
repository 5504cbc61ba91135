"""Subscribing from a page, confirming, changing and leaving: what a visitor and their inbox see."""

import datetime
import re

from django.core import signing
from django.utils import timezone

import pytest

from hub.subscriptions import services
from hub.subscriptions.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db

URL = "/en/subscriptions/"


def text_part(message):
    return next(p.get_content() for p in message.walk() if p.get_content_type() == "text/plain")


def html_part(message):
    return next(p.get_content() for p in message.walk() if p.get_content_type() == "text/html")


def link_in(message, name):
    return re.search(rf"https?://\S+/subscriptions/{name}/[^/\s]+/", text_part(message)).group(0)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def subscribe(client, email="ana@example.org", topic="all", language="en", meta=None, **extra):
    return client.post(URL, {"email": email, "topic": topic, "language": language, **extra}, **(meta or {}))


def test_the_chapter_page_offers_to_follow_the_chapter(client, tree):
    html = client.get(tree["chapter"].url).content.decode()
    assert "Follow this chapter" in html
    assert f'name="topic" value="chapter:{tree["chapter"].pk}"' in html
    assert 'name="website"' in html  # the honeypot, hidden


@pytest.mark.parametrize(
    ("key", "heading"),
    [
        ("home", "Get the weekly digest"),
        ("member", "Follow this organisation"),
        ("events", "Follow new events"),
        ("library", "Follow new papers"),
    ],
)
def test_home_member_and_index_pages_offer_the_follow_form(client, tree, key, heading):
    assert heading in client.get(tree[key].url).content.decode()


def test_subscribing_sends_only_a_confirmation_in_the_chosen_language(client, tree, smtp_server):
    response = subscribe(client, topic=f"chapter:{tree['chapter'].pk}", language="fr")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    (message,) = smtp_server.messages
    assert message["To"] == "ana@example.org"
    assert message["Subject"] == "Confirmez votre abonnement à CLD Hub"
    assert message["From"].addresses[0].display_name == "CLD Hub"
    assert message.get_content_type() == "multipart/alternative"
    assert "Peru chapter" in text_part(message)
    assert "/fr/subscriptions/confirm/" in html_part(message)
    unsubscribe = message["List-Unsubscribe"].strip()  # a long header may be folded before its value
    assert re.fullmatch(r"<https?://[^/\s]+/fr/subscriptions/unsubscribe/[^/\s]+/>", unsubscribe)
    assert unsubscribe[1:-1] in text_part(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.page_id == tree["chapter"].pk


def test_following_the_link_and_pressing_confirm_confirms(client, tree, smtp_server):
    subscribe(client, topic=f"chapter:{tree['chapter'].pk}", instant="on")
    confirm = path_of(link_in(smtp_server.messages[0], "confirm"))
    page = client.get(confirm)
    assert page.status_code == 200
    assert Subscriber.objects.get().confirmed_at is None  # opening the link (a mail scanner) is not enough
    assert client.post(confirm).status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is not None
    assert subscriber.subscriptions.get().instant is True


def test_the_answer_is_the_same_for_a_known_address(client, tree, smtp_server):
    first = subscribe(client).content.decode()
    services.confirm(Subscriber.objects.get())
    again = subscribe(client).content.decode()
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", first) == strip.sub("", again)
    assert len(smtp_server.messages) == 1  # nothing new to confirm: nothing sent


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address"}, "Enter a valid email address"),
        ({"topic": "chapter:999999"}, "the topic does not exist"),
        ({"topic": "galaxy"}, "the topic does not exist"),
        ({"topic": "theme:1;drop"}, "the topic does not exist"),
        ({"language": "xx"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_400(client, tree, smtp_server, data, message):
    response = client.post(URL, {"email": "ana@example.org", "topic": "all", "language": "en", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert smtp_server.messages == []
    assert not Subscriber.objects.exists()


def test_a_filled_honeypot_gets_the_same_answer_and_nothing_happens(client, tree, smtp_server):
    response = subscribe(client, website="http://spam.example")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert smtp_server.messages == []
    assert not Subscriber.objects.exists()


def test_subscribing_is_rate_limited_per_address(client, tree, smtp_server):
    for number in range(3):
        assert subscribe(client, topic="all" if number == 0 else ["papers", "events"][number - 1]).status_code == 200
    response = subscribe(client, topic="events")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_subscribing_is_rate_limited_per_client_ip(client, tree, smtp_server):
    for number in range(10):
        assert subscribe(client, email=f"person{number}@example.org").status_code == 200
    assert subscribe(client, email="one-more@example.org").status_code == 429
    # Another client is not held back.
    assert subscribe(client, email="other@example.org", meta={"REMOTE_ADDR": "10.0.0.9"}).status_code == 200


def _token(subscriber, salt=services.MANAGE_SALT):
    return services.make_token(subscriber, salt)


def test_confirming_is_rate_limited_per_address_whatever_the_client_ip(client, subscriber):
    from hub.subscriptions.views import CONFIRM_LIMIT_PER_ADDRESS

    url = f"/en/subscriptions/confirm/{_token(subscriber, services.CONFIRM_SALT)}/"
    for number in range(CONFIRM_LIMIT_PER_ADDRESS):
        assert client.get(url, REMOTE_ADDR=f"10.0.1.{number + 1}").status_code == 200
    response = client.get(url, REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


@pytest.fixture
def subscriber(tree):
    subscriber = Subscriber.objects.create(email="ana@example.org", language="en", confirmed_at=timezone.now())
    subscriber.subscriptions.create(kind="chapter", page=tree["chapter"], confirmed_at=timezone.now())
    return subscriber


@pytest.mark.parametrize("name", ["confirm", "manage", "unsubscribe"])
def test_forged_links_get_a_400(client, subscriber, name):
    forged = signing.dumps([subscriber.pk, "not-the-key"], salt=services.MANAGE_SALT)
    for token in ("nonsense", forged, _token(subscriber)[:-3] + "abc"):
        response = client.get(f"/en/subscriptions/{name}/{token}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_an_expired_confirmation_link_says_so(client, subscriber, monkeypatch):
    token = _token(subscriber, services.CONFIRM_SALT)
    later = datetime.datetime.now() + datetime.timedelta(days=8)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    response = client.get(f"/en/subscriptions/confirm/{token}/")
    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_a_manage_link_is_not_a_confirmation_link(client, subscriber):
    assert client.get(f"/en/subscriptions/confirm/{_token(subscriber)}/").status_code == 400


def test_one_click_unsubscribe_works_without_a_csrf_token_and_deletes_the_address(subscriber):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/en/subscriptions/unsubscribe/{_token(subscriber)}/",
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    # The old link now leads nowhere.
    assert client.get(f"/en/subscriptions/manage/{_token(subscriber)}/").status_code == 400


def test_the_manage_page_changes_language_drops_and_adds_subscriptions(client, subscriber, tree):
    url = f"/en/subscriptions/manage/{_token(subscriber)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    assert "Peru chapter" in page.content.decode()
    response = client.post(url, {"language": "es", "keep": [], "add_themes": [tree["theme"].pk]})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.language == "es"
    assert [(s.kind, s.theme_id) for s in subscriber.subscriptions.all()] == [("theme", tree["theme"].pk)]


def test_unconfirmed_addresses_are_deleted_after_seven_days(tree):
    old = Subscriber.objects.create(email="old@example.org")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    fresh = Subscriber.objects.create(email="fresh@example.org")
    kept = Subscriber.objects.create(email="kept@example.org", confirmed_at=timezone.now())
    Subscriber.objects.filter(pk=kept.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    services.delete_unconfirmed()
    assert set(Subscriber.objects.values_list("email", flat=True)) == {fresh.email, kept.email}


def test_subscription_pages_are_kept_out_of_search_engines(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /fr/subscriptions/" in robots


def test_a_page_that_offers_a_follow_topic_gets_the_form_for_it(tree, client, smtp_server):
    """Theme and method pages (hub.catalogue) say what they offer with `follow_topic`."""
    from hub.subscriptions.wagtail_hooks import follow_form

    class MethodPage:
        follow_topic = ("method", tree["method"])

    section = follow_form(MethodPage(), None)
    assert section.context["topic"] == f"method:{tree['method'].pk}"
    assert str(section.context["follow_heading"]) == "Follow this method"
    assert subscribe(client, topic=section.context["topic"]).status_code == 200
    assert Subscription.objects.get().method == tree["method"]
