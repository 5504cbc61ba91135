"""What each patch of hub/base/patches.py saves on a page-cache miss: `python -m bench.patches`.

On the benchmark corpus (BENCH_PAGES, 10,000 by default; the newest complete corpus of that size
is reused even if the code changed since, as with BENCH_REUSE=1, since the patches do not shape
it), with the page cache off, each page of bench.measure_render (home, the five index pages, one
page of each type, search) is requested with every patch on ("all"), with all but one
(`hub.base.patches.unpatched(name)`, one variant per patch) and with none. The variants take turns
in a new random order for each page and repetition, in one process, so the machine's load falls
on all of them alike. `saving_ms` is the median over BENCH_PATCHES_REPEAT (15) repetitions of
(time without the patch - time with all of them) for the same page in the same repetition;
`saving_cpu_ms` the same in CPU time of the process; `ratio` is the median time without over the
median time with; `queries_*` are the SQL queries of one request. On SQLite the database works
inside the process, so CPU time is the work itself, without the waiting that other load on the
machine adds to wall time (which it multiplies several-fold on a shared 2-core machine): a patch is
kept when its median CPU saving over the page types is at least 5 ms (STYLE.md, "Replacing
framework internals"). The patches that read the request memo are also measured together.
Results to BENCH_OUT (bench/patches.json). It measures the swaps in `hub.base.patches.SWAPS`; the figures
in bench/patches.json are of the four patches at commit MEASURED_AT, which this measure removed.
"""

import contextlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("BENCH_REUSE", "1")
os.environ.setdefault("BENCH_OUT", str(Path(__file__).resolve().parent / "patches.json"))

REPEAT = int(os.environ.get("BENCH_PATCHES_REPEAT", "15"))
THRESHOLD_MS = 5.0
# The commit whose patches bench/patches.json measured (all of them since removed).
MEASURED_AT = "59c15f7"
# The patches that read through hub/memo.py's request memo, also measured together.
MEMOISED = ("PageQuerySet.private_q", "LocaleManager.get_for_language", "Page.get_view_restrictions")


def _timed(client, url):
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    elapsed = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed


def measure(urls, variants, repeat, log=print):
    """{variant: {page: {"wall": [...], "cpu": [...], "queries": n}}}, variants interleaved."""
    from django.test import Client

    from bench.stats import count_queries
    from hub.base.patches import unpatched

    client = Client()
    samples = {v: {page: {"wall": [], "cpu": []} for page in urls} for v in variants}
    for variant, names in variants.items():
        for page, url in urls.items():
            with unpatched(*names) if names is not None else contextlib.nullcontext():
                _timed(client, url)  # warm-up
                _response, samples[variant][page]["queries"] = count_queries(client.get, url)
    order = random.Random(42)
    for rep in range(repeat):
        started = time.perf_counter()
        for page, url in urls.items():
            turns = list(variants)
            order.shuffle(turns)
            for variant in turns:
                names = variants[variant]
                with unpatched(*names) if names is not None else contextlib.nullcontext():
                    wall, cpu = _timed(client, url)
                samples[variant][page]["wall"].append(wall)
                samples[variant][page]["cpu"].append(cpu)
        log(f"  repetition {rep + 1}/{repeat} in {time.perf_counter() - started:.1f} s")
    return samples


def summarise(samples, variant, urls):
    """Per page and overall: what the variant (patches off) costs against "all" (patches on)."""
    pages = {}
    for page in urls:
        on, off = samples["all"][page], samples[variant][page]
        pages[page] = {
            "on_ms": round(statistics.median(on["wall"]), 1),
            "off_ms": round(statistics.median(off["wall"]), 1),
            "saving_ms": round(statistics.median(b - a for a, b in zip(on["wall"], off["wall"], strict=True)), 1),
            "saving_cpu_ms": round(statistics.median(b - a for a, b in zip(on["cpu"], off["cpu"], strict=True)), 1),
            "ratio": round(statistics.median(off["wall"]) / statistics.median(on["wall"]), 3),
            "queries_on": on["queries"],
            "queries_off": off["queries"],
        }
    savings = [p["saving_ms"] for p in pages.values()]
    return {
        "median_saving_ms": round(statistics.median(savings), 1),
        "median_saving_cpu_ms": round(statistics.median(p["saving_cpu_ms"] for p in pages.values()), 1),
        "max_saving_ms": max(savings),
        "queries_saved": {page: p["queries_off"] - p["queries_on"] for page, p in pages.items()},
        "keep": statistics.median(p["saving_cpu_ms"] for p in pages.values()) >= THRESHOLD_MS,
        "pages": pages,
    }


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()

    from django.core.management import call_command
    from django.test import override_settings
    from django.utils import timezone

    from bench import config, corpus, machine, measure_render
    from hub.base import patches

    names = list(patches.SWAPS)
    if not names:
        raise SystemExit(
            "hub.base.patches swaps no method: nothing to measure. bench/patches.json has the figures of the "
            f"swaps removed in December 2026; `git checkout {MEASURED_AT}` and run this again to repeat them."
        )
    started = time.perf_counter()
    meta = corpus.ensure()
    call_command("collectstatic", interactive=False, verbosity=0)
    variants = {"all": None, **{f"without {name}": (name,) for name in names}}
    memo = tuple(name for name in names if name in MEMOISED)
    if len(memo) > 1:
        variants[f"without {' + '.join(memo)}"] = memo
    variants["none"] = tuple(names)
    urls = measure_render.targets()
    print(f"Patches at {config.PAGES} pages, {REPEAT} repetitions of {len(urls)} pages x {len(variants)} variants")
    load_start = machine.load_average()
    with override_settings(HUB_PAGE_CACHE_SECONDS=0):
        samples = measure(urls, variants, REPEAT)
    results = {
        "pages": config.PAGES,
        "timestamp": timezone.now().isoformat(timespec="seconds"),
        "machine": {**machine.describe(), "load_average_at_start": load_start},
        "corpus": {"name": config.CORPUS_NAME, "cached": meta["cached"], "reused_stale": config.REUSED_STALE_CORPUS},
        "repeat": REPEAT,
        "threshold_ms": THRESHOLD_MS,
        "urls": urls,
        "patches": {name: summarise(samples, f"without {name}", urls) for name in names},
        "groups": {" + ".join(memo): summarise(samples, f"without {' + '.join(memo)}", urls)} if len(memo) > 1 else {},
        "all_patches": summarise(samples, "none", urls),
    }
    results["machine"]["load_average_at_end"] = machine.load_average()
    results["duration_s"] = round(time.perf_counter() - started, 1)
    config.OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    for name, figures in [*results["patches"].items(), *results["groups"].items(), ("all", results["all_patches"])]:
        print(
            f"  {name:32} saves median {figures['median_saving_ms']:6.1f} ms (max {figures['max_saving_ms']:6.1f}),"
            f" queries saved {sorted(set(figures['queries_saved'].values()))}: {'keep' if figures['keep'] else 'DROP'}"
        )
    print(f"Results in {config.OUT} ({results['duration_s']} s)")


if __name__ == "__main__":
    main()
