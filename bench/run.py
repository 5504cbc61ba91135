"""Run the benchmark: `python -m bench` or `python bench/run.py`; see bench/README.md.

BENCH_PAGES (10000) pages, results to BENCH_OUT (bench/results.json). BENCH_ONLY=search,render,related,throughput
runs a subset (the corpus is always made or reused first).
"""

import json
import os
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STEPS = ["search", "render", "related", "throughput"]

# The targets (at 10,000 pages on SQLite).
TARGETS = {
    "search_p95_ms_max": 150,
    "search_ratio_p95_max": 2.0,
    "queries_per_page_max": 20,
    "page_to_static_rps_min": 0.5,
    "related_extra_queries_max": 2,
    "weight_kb_max": 150,
}


def _check_targets(results):
    results = {name: value for name, value in results.items() if not (isinstance(value, dict) and "error" in value)}
    checks = {}
    if "search" in results:
        checks["search_p95_under_150_ms"] = results["search"]["hub_p95_ms"] < TARGETS["search_p95_ms_max"]
        ratio, bound = results["search"]["ratio_p95"], results["search"].get("ratio_p95_bound", "exact")
        within = ratio <= TARGETS["search_ratio_p95_max"]
        # Decided only when the bound allows it; None prints as "unknown".
        if bound == "unknown" or (bound == "lower bound" and within) or (bound == "upper bound" and not within):
            within = None
        checks["search_within_2x_of_plain"] = within
    if "render" in results:
        pages = {k: v for k, v in results["render"].items() if not k.startswith("_")}
        checks["no_page_above_20_queries"] = all(
            v["queries"] <= TARGETS["queries_per_page_max"] for v in pages.values()
        )
        checks["every_page_under_150_kb"] = all(v["weight_kb"] < TARGETS["weight_kb_max"] for v in pages.values())
    if "related" in results:
        pages = [v for k, v in results["related"].items() if not k.startswith("_")]
        checks["related_at_most_2_extra_queries"] = all(
            v["extra_queries"] <= TARGETS["related_extra_queries_max"] for v in pages
        )
    if "throughput" in results and results["throughput"]["ratio"] is not None:
        checks["page_at_least_half_static_rps"] = results["throughput"]["ratio"] >= TARGETS["page_to_static_rps_min"]
    return checks


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench import config, corpus, machine, measure_related, measure_render, measure_search, measure_throughput

    only = [s.strip() for s in os.environ.get("BENCH_ONLY", ",".join(STEPS)).split(",") if s.strip()]
    unknown = set(only) - set(STEPS)
    if unknown:
        raise SystemExit(f"BENCH_ONLY: unknown step(s) {sorted(unknown)}; choose from {STEPS}")
    if config.GIN not in ("with", "without", "both"):
        raise SystemExit(f"BENCH_GIN: {config.GIN!r}; choose from with, without, both")

    started = time.perf_counter()
    print(f"CLD Hub benchmark: {config.PAGES} pages")
    meta = corpus.ensure()
    if meta["cached"]:
        print(f"Corpus from cache ({config.CORPUS_NAME}, built in {meta['timings']['generate_s']} s)")

    results = {
        "pages": config.PAGES,
        "timestamp": timezone.now().isoformat(timespec="seconds"),
        "machine": machine.describe(),
        "corpus": {
            "name": config.CORPUS_NAME,
            "cached": meta["cached"],
            "built_at": meta["built_at"],
            "generation_s": meta["timings"]["generate_s"],
            "timings": meta["timings"],
            "counts": meta["counts"],
            "index_entries": meta["index_entries"],
        },
    }
    notes = []
    if config.REUSED_STALE_CORPUS:
        notes.append(
            f"BENCH_REUSE=1: corpus {config.CORPUS_NAME} was built from older code than the current checkout "
            f"(current key {config.CORPUS_HASH})."
        )
    if config.DATABASE_URL:
        notes.append("DATABASE_URL was set: measured on that database, not the cached SQLite file.")
    if config.ELASTICSEARCH_URL:
        notes.append(f"ELASTICSEARCH_URL was set: search ran on the engine, indexes {config.INDEX_PREFIX}*.")
    results["notes"] = notes

    if {"render", "related", "throughput"} & set(only):
        step = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"collectstatic in {time.perf_counter() - step:.1f} s")

    def throughput():
        page_url = corpus.sample_pages()["paper"].url
        return measure_throughput.run(page_url, _stylesheet(page_url))

    def search():
        figures = measure_search.run() if config.GIN in ("with", "both") else None
        if connection.vendor != "postgresql" or config.GIN == "with":
            return figures or measure_search.run()
        print("Search without the GIN index")
        with measure_search.without_gin_index():
            without = measure_search.run()
        return {**figures, "without_gin": without} if figures else without

    steps = {"search": search, "render": measure_render.run, "related": measure_related.run, "throughput": throughput}
    failed = []
    for name in STEPS:
        if name not in only:
            continue
        print(name.capitalize())
        try:
            results[name] = steps[name]()
        except Exception as error:  # one broken step must not lose the others' figures
            traceback.print_exc()
            results[name] = {"error": f"{type(error).__name__}: {error}"}
            failed.append(name)

    results["machine"]["load_average_at_end"] = machine.load_average()
    results["targets"] = {"thresholds": TARGETS, "met": _check_targets(results)}
    results["duration_s"] = round(time.perf_counter() - started, 1)
    config.OUT.parent.mkdir(parents=True, exist_ok=True)
    config.OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"Results in {config.OUT} ({results['duration_s']} s)")
    for name, met in results["targets"]["met"].items():
        print(f"  {({True: 'met', False: 'MISSED', None: 'unknown'})[met]:7} {name}")
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


def _stylesheet(page_url):
    """The hashed URL of the hub's stylesheet, as the page links it."""
    from django.test import Client

    from bench.measure_render import assets

    html = Client().get(page_url).content.decode()
    css = [url for url in assets(html) if url.endswith(".css")]
    if not css:
        raise RuntimeError(f"{page_url} links no stylesheet")
    return css[0]


if __name__ == "__main__":
    main()
