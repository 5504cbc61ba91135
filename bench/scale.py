"""Search at several sizes on several backends: `python -m bench.scale`, results in bench/scale.json.

Each (backend, size) is one `python -m bench` run with BENCH_ONLY=search in a process of its own
(the benchmark reads its configuration at start-up), so its corpus is built or reused as usual:

- `sqlite`: the cached SQLite corpus and Wagtail's database search backend (modelsearch's FTS5);
- `postgresql`: database `cldhub_bench_pg_<pages>` on the server of BENCH_SCALE_POSTGRES, with
  PostgreSQL's full-text search and the GIN index of hub/base/migrations/0003;
- `opensearch`: the same database, search on ELASTICSEARCH_URL (indexes `bench_cldhub_<pages>_*`), as in
  production; the corpus the `postgresql` run built there is only indexed again.

The databases are created when missing. BENCH_SCALE_SIZES (1000,10000,50000), BENCH_SCALE_BACKENDS
(sqlite,postgresql,opensearch), BENCH_SCALE_OUT (bench/scale.json). A backend whose server is not
configured is skipped and the JSON says why. Results are written after every run, so an interrupted
curve keeps what it measured, and a run already in the file is kept unless BENCH_SCALE_REDO=1.
BENCH_SCALE_REUSE=1 takes the figures of a run from its results file in bench/.cache/ when there is
one (`scale-<backend>-<pages>.json`, e.g. copied from a `python -m bench` run) instead of measuring.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
SIZES = [int(n) for n in os.environ.get("BENCH_SCALE_SIZES", "1000,10000,50000").split(",") if n.strip()]
BACKENDS = [b.strip() for b in os.environ.get("BENCH_SCALE_BACKENDS", "sqlite,postgresql,opensearch").split(",")]
OUT = Path(os.environ.get("BENCH_SCALE_OUT", BENCH_DIR / "scale.json"))
POSTGRES = os.environ.get("BENCH_SCALE_POSTGRES", "")  # postgres://user:password@host:port, no database
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
REDO = os.environ.get("BENCH_SCALE_REDO") == "1"
REUSE = os.environ.get("BENCH_SCALE_REUSE") == "1"
KEPT = [
    "hub_p50_ms",
    "hub_p95_ms",
    "baseline_p50_ms",
    "baseline_p95_ms",
    "ratio_p95",
    "ratio_p95_bound",
    "hub_uncached_p50_ms",
    "hub_uncached_p95_ms",
    "ratio_p95_uncached",
    "queries_per_request",
    "hub_cpu_p50_ms",
    "hub_cpu_p95_ms",
    "baseline_cpu_p50_ms",
    "baseline_cpu_p95_ms",
    "timed_out",
    "gin_index",
]


def database_url(name):
    parts = urlsplit(POSTGRES)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def ensure_database(name):
    """Create the database `name` on the BENCH_SCALE_POSTGRES server if it does not exist."""
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # `name` is built from a fixed prefix and an integer, never from input.
            connection.execute(f'CREATE DATABASE "{name}"')


def environment(backend, pages):
    """The environment of one benchmark run, or a string saying why it cannot run."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ELASTICSEARCH_URL", "SEARCH_ENGINE")}
    env |= {"BENCH_PAGES": str(pages), "BENCH_ONLY": "search", "BENCH_OUT": str(_run_path(backend, pages))}
    if backend == "sqlite":
        return env
    if not POSTGRES:
        return "BENCH_SCALE_POSTGRES is not set"
    # One corpus per size on the server: the OpenSearch run indexes the PostgreSQL run's pages.
    ensure_database(f"cldhub_bench_pg_{pages}")
    env["DATABASE_URL"] = database_url(f"cldhub_bench_pg_{pages}")
    if backend == "opensearch":
        if not ELASTICSEARCH_URL:
            return "ELASTICSEARCH_URL is not set"
        env["ELASTICSEARCH_URL"] = ELASTICSEARCH_URL
        if os.environ.get("SEARCH_ENGINE"):
            env["SEARCH_ENGINE"] = os.environ["SEARCH_ENGINE"]
    return env


def _run_path(backend, pages):
    return BENCH_DIR / ".cache" / f"scale-{backend}-{pages}.json"


def measure(backend, pages):
    """One entry of the curve."""
    entry = {"backend": backend, "pages": pages}
    path = _run_path(backend, pages)
    if not (REUSE and path.exists()):
        env = environment(backend, pages)
        if isinstance(env, str):
            return {**entry, "skipped": env}
        started = time.perf_counter()
        process = subprocess.run([sys.executable, "-m", "bench"], env=env, cwd=BENCH_DIR.parent, check=False)
        entry["duration_s"] = round(time.perf_counter() - started, 1)
        if process.returncode != 0 or not path.exists():
            return {**entry, "error": f"python -m bench exited with {process.returncode}"}
    results = json.loads(path.read_text())
    search = results.get("search", {})
    if "error" in search:
        return {**entry, "error": search["error"]}
    return {
        **entry,
        **{key: search.get(key) for key in KEPT},
        "timestamp": results["timestamp"],
        "corpus_generation_s": results["corpus"]["generation_s"],
        # Per stage: migrate_s, pages_s, documents_s, update_index_s (index_method), check_s.
        "corpus_timings": results["corpus"].get("timings"),
        "corpus_cached": results["corpus"]["cached"],
        "load_average": [
            results["machine"].get("load_average_at_start"),
            results["machine"].get("load_average_at_end"),
        ],
        "machine": {k: v for k, v in results["machine"].items() if not k.startswith("load_average")},
    }


def main():
    unknown = set(BACKENDS) - {"sqlite", "postgresql", "opensearch"}
    if unknown:
        raise SystemExit(f"BENCH_SCALE_BACKENDS: unknown {sorted(unknown)}")
    curve = json.loads(OUT.read_text()) if OUT.exists() else {"runs": []}
    for pages in SIZES:
        for backend in BACKENDS:
            done = [r for r in curve["runs"] if r["backend"] == backend and r["pages"] == pages]
            if done and "hub_p95_ms" in done[0] and not REDO:
                print(f"{backend} at {pages} pages: kept from {OUT.name}")
                continue
            print(f"{backend} at {pages} pages", flush=True)
            entry = measure(backend, pages)
            curve["runs"] = [r for r in curve["runs"] if (r["backend"], r["pages"]) != (backend, pages)] + [entry]
            curve["runs"].sort(key=lambda r: (r["pages"], r["backend"]))
            OUT.write_text(json.dumps(curve, indent=2, ensure_ascii=False) + "\n")
            print(f"  {json.dumps({k: entry.get(k) for k in ('hub_p50_ms', 'hub_p95_ms', 'ratio_p95')})}")


if __name__ == "__main__":
    main()
