"""A bounded HTTP load generator: fixed concurrency, fixed duration, loopback only.

Worker processes (so the client is not held back by one GIL) each run threads that send
GET requests back to back over http.client, reusing the connection when the server keeps
it open. No Django import: the workers are spawned fresh.
"""

import http.client
import multiprocessing
import threading
import time

from bench.stats import percentile


def _thread(host, port, path, deadline, out):
    ok = errors = 0
    latencies = []
    conn = None
    headers = {"Accept-Encoding": "gzip", "User-Agent": "cldhub-bench"}
    while time.perf_counter() < deadline:
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=10)
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
            if response.status == 200:
                ok += 1
            else:
                errors += 1
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            errors += 1
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()
    out.append((ok, errors, latencies))


def _process(host, port, path, seconds, threads, queue):
    deadline = time.perf_counter() + seconds
    out = []
    workers = [threading.Thread(target=_thread, args=(host, port, path, deadline, out)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put((sum(o[0] for o in out), sum(o[1] for o in out), [latency for o in out for latency in o[2]]))


def load(host, port, path, seconds, concurrency, processes=2):
    """{"rps", "requests", "errors", "p50_ms", "p99_ms"} for `concurrency` clients over `seconds`."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the load generator only targets loopback")
    processes = max(1, min(processes, concurrency))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    per_process = [concurrency // processes + (1 if n < concurrency % processes else 0) for n in range(processes)]
    children = [
        context.Process(target=_process, args=(host, port, path, seconds, threads, queue)) for threads in per_process
    ]
    for child in children:
        child.start()
    parts = [queue.get(timeout=seconds + 60) for _ in children]
    for child in children:
        child.join()
    ok = sum(p[0] for p in parts)
    errors = sum(p[1] for p in parts)
    latencies = [latency for p in parts for latency in p[2]]
    return {
        # Each process sends for exactly `seconds` once started; spawning them is not counted.
        "rps": round(ok / seconds, 1),
        "requests": ok,
        "errors": errors,
        "p50_ms": round(percentile(latencies, 50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 99) * 1000, 2),
    }
