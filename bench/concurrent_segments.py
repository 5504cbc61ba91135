"""OpenSearch's concurrent segment search on and off, on the same corpus: `python -m bench.concurrent_segments`.

The hub creates its OpenSearch indexes with `index.search.concurrent_segment_search.mode: auto`
(hub/base/search_backend.py, SEARCH_CONCURRENT_SEGMENTS): a request with aggregations, which every
faceted search is, searches a shard's segments in parallel. The setting is dynamic, so this flips it on
the benchmark's search index between rounds and runs the 30 searches of `make bench`'s search step, hub
and plain Wagtail search, under each mode in turns (none, auto, none, auto, ...), in one process.

Run it after a `python -m bench` (or `bench.scale`) run on the engine built and indexed the corpus, with
the same BENCH_PAGES, DATABASE_URL, ELASTICSEARCH_URL and SEARCH_ENGINE. BENCH_SEARCH_REPEAT rounds per
mode (5); BENCH_SLICES sets the index's `search.concurrent.max_slice_count` for the run (unset: the
engine's default, Lucene's slicing); JSON to BENCH_OUT (bench/.cache/concurrent-segments.json). The
figure to read is `auto_over_none`: the hub's p95 with concurrent segment search divided by its p95
without, measured side by side. The hub's side runs with the engine's request cache off (the counts
made afresh every time; the figures of 2 December 2026 in bench/concurrent-segments.json predate that
cache, when every search counted afresh anyway).
"""

import json
import os
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT = Path(os.environ.get("BENCH_OUT", BENCH_DIR / ".cache" / "concurrent-segments.json"))
MODES = ("none", "auto")
SETTING = "index.search.concurrent_segment_search.mode"
SLICES = "index.search.concurrent.max_slice_count"


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.utils import timezone, translation

    from bench import config, machine

    # The counts are what concurrent segment search could speed up: measured without the engine's request
    # cache, which would otherwise answer the repeated searches' counts from memory under either mode.
    from bench.measure_search import _timed, baseline_search, query_mix
    from bench.measure_search import hub_search_uncached as hub_search
    from bench.stats import percentile
    from search.engine.base import engine_backend
    from search.models import SearchDocument

    backend = engine_backend()
    if backend is None:
        raise SystemExit("ELASTICSEARCH_URL and SEARCH_ENGINE=opensearch2 must name the engine holding the corpus")
    index = backend.get_index_for_model(SearchDocument).name
    documents = backend.es.count(index=index)["count"]
    if not documents:
        raise SystemExit(f"{index} is empty: run `python -m bench` with BENCH_ONLY=search first")
    segments = len(backend.es.cat.segments(index=index, format="json"))
    mix = query_mix()
    samples = {mode: {"hub": [], "baseline": []} for mode in MODES}
    slices = os.environ.get("BENCH_SLICES")
    if slices:
        backend.es.indices.put_settings(index=index, body={SLICES: int(slices)})
    load_start = machine.load_average()
    try:
        with translation.override("en"):
            for data in (d for _kind, d in mix):  # warm-up
                hub_search(data)
                baseline_search(data)
            for repetition in range(config.SEARCH_REPEAT):
                for mode in MODES if repetition % 2 == 0 else MODES[::-1]:
                    backend.es.indices.put_settings(index=index, body={SETTING: mode})
                    for _kind, data in mix:
                        for side, function in (("hub", hub_search), ("baseline", baseline_search)):
                            samples[mode][side].append(_timed(function, data)[0])
    finally:
        # As the hub's settings would have created the index (SEARCH_CONCURRENT_SEGMENTS, default none).
        backend.es.indices.put_settings(index=index, body={SETTING: "none", SLICES: None})
    figures = {}
    for mode in MODES:
        hub, baseline = samples[mode]["hub"], samples[mode]["baseline"]
        figures[mode] = {
            "hub_p50_ms": round(percentile(hub, 50), 1),
            "hub_p95_ms": round(percentile(hub, 95), 1),
            "baseline_p50_ms": round(percentile(baseline, 50), 1),
            "baseline_p95_ms": round(percentile(baseline, 95), 1),
            "ratio_p95": round(percentile(hub, 95) / percentile(baseline, 95), 2),
        }
    results = {
        "timestamp": timezone.now().isoformat(timespec="seconds"),
        "pages": config.PAGES,
        "index": index,
        "engine_documents": documents,
        "segments": segments,
        "max_slice_count": int(slices) if slices else "engine default",
        "repetitions": config.SEARCH_REPEAT,
        "searches_per_mode": len(samples["none"]["hub"]),
        "modes": figures,
        "auto_over_none": {
            "hub_p50": round(figures["auto"]["hub_p50_ms"] / figures["none"]["hub_p50_ms"], 2),
            "hub_p95": round(figures["auto"]["hub_p95_ms"] / figures["none"]["hub_p95_ms"], 2),
            "baseline_p95": round(figures["auto"]["baseline_p95_ms"] / figures["none"]["baseline_p95_ms"], 2),
        },
        "load_average": [load_start, machine.load_average()],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
