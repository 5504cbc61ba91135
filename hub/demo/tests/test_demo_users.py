"""Demo users exist on developers' machines only, with random passwords kept in the git-ignored file."""

import subprocess
import sys

from django.conf import settings
from django.contrib.auth import get_user_model

import pytest

from hub.demo.management.commands.load_demo import Command
from members.factories import ChapterIndexPageFactory, ChapterPageFactory, MemberIndexPageFactory, MemberPageFactory

pytestmark = pytest.mark.django_db
DEMO_USERS = {"demo-member", "demo-lead", "demo-moderator"}


@pytest.fixture
def demo_command(home):
    """load_demo's user step, on a small demo tree (the full demo is tested in hub/demo/tests/test_demo_site.py)."""
    from hub.demo import data

    command = Command()
    command.members = {
        data.MEMBERS[0]["key"]: MemberPageFactory(
            parent=MemberIndexPageFactory(parent=home), title=data.MEMBERS[0]["title"]
        )
    }
    command.chapters = {
        data.CHAPTERS[0]["key"]: ChapterPageFactory(
            parent=ChapterIndexPageFactory(parent=home), title=data.CHAPTERS[0]["title"], country="CO"
        )
    }
    return command


def test_dev_demo_users_get_their_roles_and_random_passwords_in_the_credentials_file(demo_command, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    settings.HUB_CREATE_DEMO_USERS = True
    demo_command.demo_users()
    credentials = (tmp_path / ".demo-credentials").read_text()

    User = get_user_model()
    for username in DEMO_USERS:
        user = User.objects.get(username=username)
        password = credentials.split(f"user: {username}  password: ")[1].split()[0]
        assert user.is_active is True
        assert user.check_password(password) is True
    member, chapter = next(iter(demo_command.members.values())), next(iter(demo_command.chapters.values()))
    assert member.permissions_for_user(User.objects.get(username="demo-member")).can_edit() is True
    assert member.permissions_for_user(User.objects.get(username="demo-lead")).can_edit() is False
    assert chapter.permissions_for_user(User.objects.get(username="demo-lead")).can_publish() is True
    assert chapter.permissions_for_user(User.objects.get(username="demo-moderator")).can_publish() is True

    demo_command.demo_users()  # a second run keeps the users and their passwords
    assert (tmp_path / ".demo-credentials").read_text() == credentials


def test_demo_users_passwords_go_to_the_credentials_file_the_settings_name(demo_command, tmp_path, settings):
    """A throwaway site (the browser suite) names its own file; the developer's stays untouched."""
    settings.BASE_DIR = tmp_path
    settings.HUB_CREATE_DEMO_USERS = True
    settings.HUB_DEMO_CREDENTIALS_FILE = tmp_path / "run" / ".demo-credentials"
    settings.HUB_DEMO_CREDENTIALS_FILE.parent.mkdir()
    demo_command.demo_users()
    assert not (tmp_path / ".demo-credentials").exists()
    credentials = settings.HUB_DEMO_CREDENTIALS_FILE.read_text()
    assert all(f"user: {username}  password: " in credentials for username in DEMO_USERS)


def test_no_demo_users_when_the_settings_do_not_allow_them(demo_command, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    settings.HUB_CREATE_DEMO_USERS = False
    demo_command.demo_users()
    assert not get_user_model().objects.filter(username__in=DEMO_USERS).exists()
    assert not (tmp_path / ".demo-credentials").exists()


@pytest.mark.parametrize(("module", "allowed"), [("hub.settings.production", "False"), ("hub.settings.dev", "True")])
def test_only_dev_settings_allow_demo_users(module, allowed):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": module,
        "DJANGO_SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.HUB_CREATE_DEMO_USERS)"
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == allowed, result.stderr
