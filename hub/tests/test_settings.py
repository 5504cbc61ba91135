"""Production settings: refuse to start without their secrets, pass Django's deploy checks with them."""

import json
import os
import secrets
import string
import subprocess
import sys

from django.conf import settings

import pytest

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50)),
    "ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_production(args, **env):
    """Run Python in a clean environment with hub.settings.production; nothing leaks in from ours."""
    clean = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "hub.settings.production", **env}
    return subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DJANGO_SECRET_KEY", None), ("ALLOWED_HOSTS", None), ("ALLOWED_HOSTS", " , "), ("DATABASE_URL", None)],
)
def test_production_refuses_to_start_without_a_required_variable(variable, value):
    env = {name: v for name, v in PRODUCTION_ENV.items() if name != variable}
    if value is not None:
        env[variable] = value
    result = run_production(["-c", "import django; django.setup()"], **env)
    assert result.returncode != 0
    assert variable in result.stderr


def test_production_passes_the_deploy_checks_at_warning_level():
    result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_serves_hashed_compressed_static_files_and_secure_cookies_behind_a_proxy():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name) for name in ["
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER']}"
        " | {'static': s.STORAGES['staticfiles']['BACKEND'], 'media': s.STORAGES['default']['BACKEND']}))"
    )
    result = run_production(["-c", code], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "media": "django.core.files.storage.FileSystemStorage",
    }
