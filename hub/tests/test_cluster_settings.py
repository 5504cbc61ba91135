"""Settings and fallbacks for several app servers (issue 21): the search engine is named, never
detected, so loading the settings opens no connection; a Redis outage serves pages uncached; an
unreachable object store answers 503 with a message."""

import json
import socket
import time

from django.test import RequestFactory

import pytest
from botocore.exceptions import EndpointConnectionError

from hub.base.cache_backends import TolerantRedisCache
from hub.errors import server_error
from hub.tests.test_settings import PRODUCTION_ENV, run_production

SERVICES_ENV = {
    **PRODUCTION_ENV,
    "ELASTICSEARCH_URL": "http://127.0.0.1:9",
    "SEARCH_ENGINE": "opensearch2",
    "REDIS_URL": "redis://127.0.0.1:9/0",
    "AWS_STORAGE_BUCKET_NAME": "media",
    "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
    "AWS_ACCESS_KEY_ID": "key",
    "AWS_SECRET_ACCESS_KEY": "secret",
}

# Any connection attempt while the settings load and Django sets up fails the run.
NO_NETWORK = """
import json, socket
def refuse(*args, **kwargs):
    raise AssertionError(f"network access while loading the settings: {args}")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = refuse
import django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "search": s.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "cache": s.CACHES["default"]["BACKEND"],
    "media": s.STORAGES["default"]["BACKEND"],
}))
"""


def test_production_settings_load_without_touching_the_network():
    result = run_production(["-c", NO_NETWORK], **SERVICES_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "search": "search.backends.opensearch2",
        "cache": "hub.base.cache_backends.TolerantRedisCache",
        "media": "storages.backends.s3.S3Storage",
    }


def test_production_refuses_a_search_engine_url_without_search_engine():
    env = {k: v for k, v in SERVICES_ENV.items() if k != "SEARCH_ENGINE"}
    result = run_production(["-c", NO_NETWORK], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SEARCH_ENGINE" in result.stderr
    assert "network access" not in result.stderr


def test_an_unknown_search_engine_is_named_in_the_error():
    result = run_production(["-c", NO_NETWORK], **{**SERVICES_ENV, "SEARCH_ENGINE": "solr"})
    assert result.returncode != 0
    assert "SEARCH_ENGINE must be one of elasticsearch8, opensearch2, not 'solr'" in result.stderr


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_redis_cache_misses_fast_instead_of_raising():
    cache = TolerantRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    started = time.monotonic()
    cache.set("page", "html")
    assert cache.get("page") is None
    assert cache.get("page", "fallback") == "fallback"
    assert cache.add("page", "html") is False
    assert cache.get_many(["page"]) == {}
    with pytest.raises(ValueError, match="not found"):
        cache.incr("generation")
    for _ in range(100):
        cache.get("page")
    assert time.monotonic() - started < 2, "each call waited for Redis"


def test_an_unreachable_object_store_answers_503_with_a_message():
    request = RequestFactory().get("/documents/1/report.pdf")
    try:
        raise EndpointConnectionError(endpoint_url="http://127.0.0.1:9/media/report.pdf")
    except EndpointConnectionError:
        response = server_error(request)
    assert response.status_code == 503
    assert "cannot reach its file store" in response.content.decode()
    assert response["Retry-After"]


def test_a_view_is_not_counted_and_raises_nothing_while_redis_is_unreachable():
    import datetime

    from django.test import override_settings

    from hub.base.readership import first_in_window

    unreachable = {
        "BACKEND": "hub.base.cache_backends.TolerantRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
    }
    with override_settings(CACHES={"default": unreachable}):
        request = RequestFactory().get("/en/papers/one/", HTTP_USER_AGENT="Mozilla/5.0")
        assert first_in_window(request, datetime.date(2026, 12, 1), "page", 1) is False
