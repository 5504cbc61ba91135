"""`make run` names its port in the admin address load_demo prints (the demo taxonomy: test_demo_site.py)."""

import io

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_address_printed_names_the_port_make_run_serves(tmp_path, settings, monkeypatch):
    settings.BASE_DIR = tmp_path
    settings.HUB_CREATE_DEMO_USERS = True
    settings.HUB_DEMO_CREDENTIALS_FILE = tmp_path / ".demo-credentials"
    monkeypatch.setenv("PORT", "9123")
    from hub.demo.management.commands.load_demo import Command

    out = io.StringIO()
    Command(stdout=out).demo_superuser()
    assert "http://127.0.0.1:9123/admin/" in out.getvalue()

    monkeypatch.setenv("PORT", "8765")
    again = io.StringIO()
    Command(stdout=again).demo_superuser()
    assert "http://127.0.0.1:8765/admin/" in again.getvalue() and "9123" not in again.getvalue()
