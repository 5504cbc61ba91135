"""Repeated wrong passwords lock one user name out from one address for a while, with a clear message."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
OTHER = "198.51.100.20"
PASSWORD = "a-long-passphrase-for-tests"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)


def sign_in(client, password, address=ATTACKER, username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "wrong")
    return response


def test_a_wrong_password_is_refused_with_the_login_form(client, editor):
    response = sign_in(client, "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_after_the_limit_even_the_right_password_is_refused_with_a_message(client, editor):
    locked = fail_until_locked(client)
    assert locked.status_code == 429
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Sign-in paused" in text
    assert "paused for 30 minutes" in text
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_one_user_from_one_address_only(client, editor):
    get_user_model().objects.create_user("colleague", "c@example.org", PASSWORD, is_staff=True)
    fail_until_locked(client)
    assert sign_in(client, PASSWORD, address=OTHER).status_code == 302
    client.logout()
    assert sign_in(client, PASSWORD, username="colleague").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, editor):
    fail_until_locked(client)
    assert sign_in(client, PASSWORD).status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=past)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_cool_off_is_set_so_a_lock_never_lasts_for_ever():
    assert datetime.timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password", "12345678", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_a_sign_in_without_a_request_still_works_for_scripts_and_tests(client, editor):
    assert client.login(username="editor", password=PASSWORD) is True
