"""Requests per second from gunicorn (2 workers, loopback): one content page against one static file."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time

from bench import config, loadgen

HOST = "127.0.0.1"
WORKERS = 2


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _get(port, path, timeout=5):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _wait_until_up(process, port, path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {config.CACHE_DIR / 'gunicorn.log'}")
        try:
            if _get(port, path, timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {path} within {timeout} s")


def start_gunicorn(port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_PAGES": str(config.PAGES),
        "BENCH_SQLITE_PATH": str(config.SQLITE_PATH),
        "PYTHONPATH": str(config.BASE_DIR),
        # The page cache as production runs it (the dev settings the benchmark builds on turn it off).
        "HUB_PAGE_CACHE_SECONDS": "300",
    }
    log = open(config.CACHE_DIR / "gunicorn.log", "w")  # noqa: SIM115 - closed by stop_gunicorn
    command = [
        sys.executable, "-m", "gunicorn", "hub.wsgi:application",
        "--bind", f"{HOST}:{port}",
        "--workers", str(WORKERS),
        "--log-level", "warning",
        "--error-logfile", "-",
    ]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        command, cwd=config.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.log_file = log
    return process


def stop_gunicorn(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # graceful: the arbiter stops its workers
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own session, started above
            process.wait(timeout=5)
    process.log_file.close()


def run(page_url, static_url, log=print):
    port = free_port()
    process = start_gunicorn(port)
    try:
        _wait_until_up(process, port, static_url)
        for path in (page_url, static_url):
            if _get(port, path) != 200:
                raise RuntimeError(f"{path} does not answer 200 from gunicorn")
            # Warm-up: both workers load templates and open their database connection.
            loadgen.load(HOST, port, path, seconds=2, concurrency=config.THROUGHPUT_CONCURRENCY)
        page = loadgen.load(HOST, port, page_url, config.THROUGHPUT_SECONDS, config.THROUGHPUT_CONCURRENCY)
        log(f"  page   {page_url}: {page['rps']} req/s (p50 {page['p50_ms']} ms, {page['errors']} errors)")
        static = loadgen.load(HOST, port, static_url, config.THROUGHPUT_SECONDS, config.THROUGHPUT_CONCURRENCY)
        log(f"  static {static_url}: {static['rps']} req/s (p50 {static['p50_ms']} ms, {static['errors']} errors)")
    finally:
        stop_gunicorn(process)
    for label, figures in (("page", page), ("static", static)):
        if figures["errors"] > 0.01 * (figures["requests"] + figures["errors"]):
            raise RuntimeError(
                f"{label}: {figures['errors']} failed requests out of {figures['requests'] + figures['errors']}; "
                f"see {config.CACHE_DIR / 'gunicorn.log'}"
            )
    return {
        "page_rps": page["rps"],
        "static_rps": static["rps"],
        "ratio": round(page["rps"] / static["rps"], 3) if static["rps"] else None,
        "page": {"url": page_url, **page},
        "static": {"url": static_url, **static},
        "server": f"gunicorn, {WORKERS} sync workers, {HOST} only",
        "client": (
            f"bench/loadgen.py: {config.THROUGHPUT_CONCURRENCY} connections in 2 processes, "
            f"{config.THROUGHPUT_SECONDS:g} s each after a 2 s warm-up, on the same machine as the server"
        ),
    }
