"""Custom 404, 500 and database-down 503 pages in every language; none shows a stack trace."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import get_resolver
from django.utils import translation

import pytest

from hub.base.tests.test_i18n import compiled_messages  # noqa: F401 - fixture

# The site's tagline, already in every catalogue: proof the page was rendered in that language.
TAGLINES = {
    "en": "Movement for Community-led Development",
    "fr": "Mouvement pour le développement mené par les communautés",
}
NOT_FOUND = {"en": "Page not found", "fr": "Page introuvable"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def translated(language, text):
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def dead_database(monkeypatch, django_db_blocker):
    """The default database refuses connections, as a stopped PostgreSQL server would."""
    connection = connections["default"]

    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused: nothing listens on 127.0.0.1:9")

    with django_db_blocker.unblock():
        monkeypatch.setattr(connection, "connection", None)
        monkeypatch.setattr(connection, "get_new_connection", refuse)
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_in_every_language(client, home, compiled_messages, language):  # noqa: F811
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert translated(language, "Page not found") in html
    if language in NOT_FOUND:
        assert NOT_FOUND[language] in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_database_down_gives_the_static_503_page_in_every_language(dead_database, compiled_messages, language):  # noqa: F811
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/papers/")
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert translated(language, "The hub is briefly unavailable") in html
    assert translated(language, "Movement for Community-led Development") in html
    if language in TAGLINES:
        assert TAGLINES[language] in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bug_gives_the_static_500_page_in_every_language(
    compiled_messages,  # noqa: F811
    language,
    rf,
    django_assert_num_queries,
):
    handler = get_resolver().resolve_error_handler(500)
    request = rf.get(f"/{language}/papers/")
    with django_assert_num_queries(0):
        try:
            raise RuntimeError("a bug")
        except RuntimeError:
            response = handler(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert translated(language, "Something went wrong") in html
    if language in TAGLINES:
        assert TAGLINES[language] in html
    assert "a bug" not in html


@pytest.mark.django_db
def test_a_page_that_crashes_shows_the_500_page(home, monkeypatch):
    from hub.base.models import HomePage

    monkeypatch.setattr(HomePage, "serve", lambda *args, **kwargs: 1 / 0)
    client = Client(raise_request_exception=False)
    response = client.get("/en/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "ZeroDivisionError" not in response.content.decode()


def test_production_with_its_database_down_answers_503_without_a_trace():
    """Real production settings, a PostgreSQL URL where nothing listens: the visitor gets the 503 page."""
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(raise_request_exception=False, HTTP_HOST='hub.example.org').get('/fr/', secure=True); "
        "print(r.status_code); print(r.content.decode())"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/cldhub",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    status, html = result.stdout.split("\n", 1)
    assert status == "503"
    assert '<html lang="fr">' in html
    assert "Traceback" not in html
