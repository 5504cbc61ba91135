"""The site the browser suite drives: a fresh SQLite database with the demo content, served by
`runserver --noreload` (tests.browser.settings: DEBUG, so static and media files are served) on
a free loopback port."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# A search engine or PostgreSQL configured for the other test runs has no say here.
_DROPPED_ENV = ("DATABASE_URL", "ELASTICSEARCH_URL", "SEARCH_ENGINE", "HUB_REQUIRE_SERVICES", "MEDIA_ROOT")


class ServerError(RuntimeError):
    pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HubServer:
    """One run's site. `run_dir` None: a new temporary folder, deleted at the end. A given
    `run_dir` is kept, and a database already in it is reused (HUB_BROWSER_RUN_DIR, to iterate
    on the suite without rebuilding the demo every time)."""

    def __init__(self, run_dir=None):
        self.keep = run_dir is not None
        self.run_dir = Path(run_dir or tempfile.mkdtemp(prefix="cldhub-browser-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.database = self.run_dir / "db.sqlite3"
        self.log_path = self.run_dir / "server.log"
        self.process = None
        self.base_url = None
        self.env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
        self.env.update(
            DJANGO_SETTINGS_MODULE="tests.browser.settings",
            HUB_BROWSER_RUN_DIR=str(self.run_dir),
            DATABASE_URL=f"sqlite:///{self.database}",
            PYTHONUNBUFFERED="1",
        )

    def manage(self, *args, stdin=None):
        """Run a manage.py command against this site's database; returns its output."""
        result = subprocess.run(  # noqa: S603 - fixed interpreter and script, arguments from the suite
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise ServerError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def build(self):
        """Migrate and load the demo content (load_demo also creates the dev admin)."""
        if self.keep and self.database.exists():
            return
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo")

    def credentials(self):
        """{"admin": password, "demo-member": password, ...}: every login in the credentials file
        load_demo wrote for this run (the dev admin and, under dev settings, the demo roles)."""
        text = (self.run_dir / ".demo-credentials").read_text()
        return dict(re.findall(r"user: (\S+)\s+password: (\S+)", text))

    def create_user(self, username, password, *, groups=(), superuser=False):
        """A user with a known password (in the given Wagtail groups), for journeys that log in."""
        code = (
            "import json, sys\n"
            "from django.contrib.auth import get_user_model\n"
            "from django.contrib.auth.models import Group\n"
            "spec = json.loads(sys.stdin.read())\n"
            "user, _ = get_user_model().objects.get_or_create(username=spec['username'])\n"
            "user.set_password(spec['password'])\n"
            "user.is_staff = user.is_superuser = spec['superuser']\n"
            "user.save()\n"
            "user.groups.set([Group.objects.get(name=name) for name in spec['groups']])\n"
        )
        spec = {"username": username, "password": password, "groups": list(groups), "superuser": superuser}
        self.manage("shell", "-c", code, stdin=json.dumps(spec))

    def start(self, timeout=120):
        self.build()
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        log = self.log_path.open("a")
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"the server stopped at start-up:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.base_url + "/en/", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        self.stop()
        raise ServerError(f"the server did not answer within {timeout}s:\n{self.log_path.read_text()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if not self.keep:
            shutil.rmtree(self.run_dir, ignore_errors=True)
