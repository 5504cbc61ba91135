"""Two app servers and a task worker on the shared services: the fixture of `make test-cluster`.

The processes are started from deploy/Procfile (web, worker) with deploy/gunicorn.conf.py and
hub.settings.production, so the files production uses are the ones tested. They share the
PostgreSQL, search engine, Redis and object store that `make services` started (.services.env),
each run in a database, an index prefix, a Redis database and a bucket prefix of its own.
The default test run deselects these tests; `make test-cluster` asks for them with `-m cluster`.
"""

import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from .client import Client

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
REQUIRED = (
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "SEARCH_ENGINE",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)
AXES_FAILURE_LIMIT = 4


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Leave cluster tests out of a run that does not ask for them with `-m cluster`."""
    if "cluster" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if not item.get_closest_marker("cluster")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("cluster")])
        items[:] = kept


def procfile(name):
    """The command of process `name` in deploy/Procfile, run with this interpreter's environment."""
    for line in (REPO / "deploy" / "Procfile").read_text().splitlines():
        if line.startswith(f"{name}:"):
            command = shlex.split(line.split(":", 1)[1])
            if command[0] == "python":
                return [sys.executable, *command[1:]]
            if command[0] == "gunicorn":
                return [sys.executable, "-m", "gunicorn", *command[1:]]
            return command
    raise LookupError(f"deploy/Procfile has no {name!r} process")


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _redis_db_url(url, db):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{db}"))


class Cluster:
    def __init__(self, workdir):
        missing = [name for name in REQUIRED if not os.environ.get(name)]
        if missing or not os.environ["DATABASE_URL"].startswith("postgres"):
            pytest.fail(
                f"the cluster test needs the services of `make services` (.services.env); missing: "
                f"{', '.join(missing) or 'a postgres:// DATABASE_URL'}",
                pytrace=False,
            )
        self.workdir = workdir
        self.run_id = secrets.token_hex(4)
        self.database = f"cldhub_cluster_{self.run_id}"
        base = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        self.admin_url = os.environ["DATABASE_URL"]
        self.database_url = urllib.parse.urlunsplit(base._replace(path=f"/{self.database}"))
        self.password = secrets.token_urlsafe(12)
        self.draft_title = f"Cluster ledger {self.run_id}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hub.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": self.database_url,
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; a proxy terminates TLS
            "REDIS_URL": _redis_db_url(os.environ["REDIS_URL"], 1),
            "AWS_LOCATION": f"cluster-{self.run_id}",
            "SEARCH_INDEX_PREFIX": f"cluster_{self.run_id}_",
            "MEDIA_ROOT": str(workdir / "media"),  # must stay empty: media go to the object store
            "AXES_FAILURE_LIMIT": str(AXES_FAILURE_LIMIT),
            "HUB_PAGE_CACHE_SECONDS": "300",
            "DJANGO_LOG_LEVEL": "ERROR",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "4",
            "GUNICORN_ACCESS_LOG": "",
            "GUNICORN_TIMEOUT": "30",
            "PYTHONPATH": str(REPO),
        }
        self.processes = {}
        self.ports = {}
        self.logs = {}

    # ---------------------------------------------------------------- setup
    def _psql(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def query(self, sql, *params):
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            return conn.execute(sql, params).fetchall()

    def manage(self, *args):
        result = subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
            [sys.executable, "manage.py", *args], cwd=REPO, env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result.stdout

    def setup(self):
        import redis

        started = time.monotonic()
        redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()
        self._psql(f'CREATE DATABASE "{self.database}"')
        static = threading.Thread(target=self.manage, args=("collectstatic", "--noinput", "-v0"))
        static.start()
        self.manage("migrate", "--noinput", "-v0")
        code = f"from tests.cluster.seed import seed; seed({self.password!r}, {self.draft_title!r})"
        import json

        self.seeded = json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])
        static.join()
        self.setup_seconds = round(time.monotonic() - started, 1)

    def start(self, name, process, port=None):
        env = dict(self.env)
        if port:
            env["GUNICORN_BIND"] = f"{HOST}:{port}"
            self.ports[name] = port
        log = open(self.workdir / f"{name}.log", "a")  # noqa: SIM115 - closed in stop()
        self.logs[name] = log
        self.processes[name] = subprocess.Popen(  # noqa: S603 - our Procfile's command
            procfile(process), cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_until_up(self, name, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited with {self.processes[name].returncode}:\n{self.log_tail(name)}")
            try:
                if self.client(name).get("/en/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{name} did not answer within {timeout} s:\n{self.log_tail(name)}")

    def client(self, name):
        return Client(HOST, self.ports[name])

    def log_tail(self, name, lines=30):
        path = self.workdir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def kill(self, name, sig=signal.SIGKILL):
        process = self.processes.get(name)
        if process and process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop(self):
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)
        for log in self.logs.values():
            log.close()
        try:
            self._psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        except Exception as error:
            print(f"could not drop {self.database}: {error}")  # noqa: T201
        self._delete_indexes()
        self._delete_objects()

    def _delete_objects(self):
        import boto3
        from botocore.exceptions import BotoCoreError, ClientError

        bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
        try:
            s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name="us-east-1")
            for item in s3.list_objects_v2(Bucket=bucket, Prefix=self.env["AWS_LOCATION"]).get("Contents", []):
                s3.delete_object(Bucket=bucket, Key=item["Key"])
        except (BotoCoreError, ClientError) as error:
            print(f"could not delete the objects under {self.env['AWS_LOCATION']}: {error}")  # noqa: T201

    def _delete_indexes(self):
        import urllib.request

        url = os.environ["ELASTICSEARCH_URL"].rstrip("/") + f"/{self.env['SEARCH_INDEX_PREFIX']}*"
        try:
            urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=10).close()  # noqa: S310
        except OSError as error:
            print(f"could not delete the indexes {url}: {error}")  # noqa: T201


@pytest.fixture(scope="session")
def cluster():
    with tempfile.TemporaryDirectory(prefix="cldhub-cluster-") as tmp:
        cluster = Cluster(Path(tmp))
        try:
            cluster.setup()
            cluster.start("a", "web", free_port())
            cluster.start("b", "web", free_port())
            cluster.start("worker", "worker")
            cluster.wait_until_up("a")
            cluster.wait_until_up("b")
            yield cluster
        finally:
            for name in ("a", "b", "worker"):
                artifacts = REPO / "test-artifacts" / "cluster"
                artifacts.mkdir(parents=True, exist_ok=True)
                if (Path(tmp) / f"{name}.log").exists():
                    (artifacts / f"{name}.log").write_text((Path(tmp) / f"{name}.log").read_text(errors="replace"))
            cluster.stop()
