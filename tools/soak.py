"""Soak test: the production server under a steady, bounded load on loopback, with zero errors expected.

`python -m tools.soak` (make soak SOAK_SECONDS=<n> SOAK_OUT=<file>) builds a SQLite database with
the demo content in a temporary directory, collects the static files, starts gunicorn with
hub.settings.production on a free loopback port, and runs SOAK_CLIENTS (20) clients for
SOAK_SECONDS, each cycling through a mix of home pages, content pages from the sitemap, searches
with facets, feeds, calendars and the API. It writes {"requests", "errors", "p95_ms", ...} to
SOAK_OUT (and prints it); an error is any answer other than 200, or no answer.
"""

import http.client
import json
import multiprocessing
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.stats import percentile

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SEARCHES = [
    "/{lang}/search/?q=community",
    "/{lang}/search/?q=planning&type=paper",
    "/{lang}/search/?q=village&type=glossary&sort=relevance",
    "/{lang}/search/?type=event&sort=newest",
    "/{lang}/search/?q=health&page=2",
    "/{lang}/search/api/?q=community&type=paper",
    "/{lang}/search/autocomplete/?q=comm",
]
FIXED = [
    "/{lang}/",
    "/{lang}/feeds/papers.rss",
    "/{lang}/feeds/events.atom",
    "/events/feed.ics",
    "/api/v2/pages/?type=resources.PaperPage&fields=*",
    "/api/v2/pages/?search=community",
    "/sitemap.xml",
]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_environment(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": os.environ.get("SOAK_DATABASE_URL") or f"sqlite:///{workdir / 'soak.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; a proxy terminates TLS in production
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(BASE_DIR),
    }


def manage(env, *args, log):
    subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, stdout=log, stderr=log
    )


def get(port, path, timeout=10):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_until_up(process, port, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if get(port, "/en/", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {timeout} s")


def url_mix(port, languages=("en", "fr")):
    """The paths the clients cycle through: fixed ones, searches, and every page in the sitemap."""
    status, body = get(port, "/sitemap.xml")
    if status != 200:
        raise RuntimeError(f"/sitemap.xml answered {status}")
    pages = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", body.decode())]
    paths = [p.format(lang=lang) for lang in languages for p in FIXED + SEARCHES]
    return paths + pages


def _client(port, paths, deadline, seed, out):
    rng = random.Random(seed)  # noqa: S311 - a load mix, not a secret
    requests = errors = 0
    latencies = []
    failures = {}
    conn = None
    while time.perf_counter() < deadline:
        path = rng.choice(paths)
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            started = time.perf_counter()
            conn.request("GET", path, headers={"Accept-Encoding": "gzip", "User-Agent": "cldhub-soak"})
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
            requests += 1
            if response.status != 200:
                errors += 1
                failures[f"{response.status} {path}"] = failures.get(f"{response.status} {path}", 0) + 1
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as error:
            requests += 1
            errors += 1
            failures[f"{type(error).__name__} {path}"] = failures.get(f"{type(error).__name__} {path}", 0) + 1
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()
    out.append((requests, errors, latencies, failures))


def _process(port, paths, seconds, clients, seed, queue):
    deadline = time.perf_counter() + seconds
    out = []
    threads = [
        threading.Thread(target=_client, args=(port, paths, deadline, seed * 1000 + n, out)) for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failures = {}
    for part in out:
        for key, count in part[3].items():
            failures[key] = failures.get(key, 0) + count
    queue.put((sum(p[0] for p in out), sum(p[1] for p in out), [x for p in out for x in p[2]], failures))


def load(port, paths, seconds, clients, processes=2):
    """Run `clients` concurrent clients for `seconds`; bounded: one request in flight per client."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    shares = [clients // processes + (1 if n < clients % processes else 0) for n in range(processes)]
    children = [
        context.Process(target=_process, args=(port, paths, seconds, share, n, queue)) for n, share in enumerate(shares)
    ]
    for child in children:
        child.start()
    parts = [queue.get(timeout=seconds + 120) for _ in children]
    for child in children:
        child.join()
    latencies = [x for p in parts for x in p[2]]
    failures = {}
    for part in parts:
        for key, count in part[3].items():
            failures[key] = failures.get(key, 0) + count
    requests = sum(p[0] for p in parts)
    return {
        "requests": requests,
        "errors": sum(p[1] for p in parts),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "max_ms": round(max(latencies, default=0) * 1000, 1),
        "rps": round(requests / seconds, 1),
        "seconds": seconds,
        "clients": clients,
        "distinct_urls": len(paths),
        "failures": dict(sorted(failures.items(), key=lambda item: -item[1])[:20]),
    }


def soak(seconds, clients=20, workers=3):
    with tempfile.TemporaryDirectory(prefix="cldhub-soak-") as tmp:
        workdir = Path(tmp)
        env = server_environment(workdir)
        with open(workdir / "setup.log", "w") as log:
            manage(env, "migrate", "--noinput", log=log)
            manage(env, "collectstatic", "--noinput", "-v0", log=log)
            manage(env, "load_demo", log=log)
        port = free_port()
        server_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed below
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-m", "gunicorn", "hub.wsgi:application", "--bind", f"{HOST}:{port}",
             "--workers", str(workers), "--threads", "4", "--timeout", "60"],
            cwd=BASE_DIR, env=env, stdout=server_log, stderr=server_log, start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_up(server, port)
            paths = url_mix(port)
            result = load(port, paths, seconds, clients)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            server_log.close()
        log_tail = (workdir / "gunicorn.log").read_text().splitlines()[-20:]
        if result["errors"]:
            result["server_log_tail"] = log_tail
        return result


def main():
    seconds = int(os.environ.get("SOAK_SECONDS", "60"))
    clients = int(os.environ.get("SOAK_CLIENTS", "20"))
    out = Path(os.environ.get("SOAK_OUT", "soak.json"))
    result = soak(seconds, clients)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({key: result[key] for key in ("requests", "errors", "p95_ms", "rps")}))  # noqa: T201
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
