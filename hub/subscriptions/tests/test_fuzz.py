"""Hostile input to the subscription endpoints gets a 4xx or a normal answer, never a server error."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HOSTILE = ["", " ", "\x00", "a" * 5000, "chapter:", "chapter:-1", "theme:9" + "9" * 40, "all:1", "ñ文字🙂", "<script>"]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))


@FUZZ
@given(email=text, topics=st.lists(text, max_size=25), language=text, instant=text, website=text)
def test_subscribing_with_any_input_never_fails(client, home, email, topics, language, instant, website):
    from django.core.cache import cache

    cache.clear()  # the rate limits would turn every example after the tenth into a 429
    data = {"email": email, "topic": topics, "language": language, "instant": instant, "website": website}
    assert client.post("/en/subscriptions/", data).status_code in (200, 400)


@FUZZ
@given(token=text, name=st.sampled_from(["confirm", "manage", "unsubscribe"]), post=st.booleans())
def test_any_token_gets_a_400_never_a_server_error(client, home, token, name, post):
    from django.core.cache import cache

    cache.clear()
    url = f"/en/subscriptions/{name}/{quote(token, safe='') or 'x'}/"
    response = client.post(url) if post else client.get(url)
    assert response.status_code in (400, 404)
