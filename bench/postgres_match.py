"""PostgreSQL's own search (no engine) before and after the common-word fix: `python -m bench.postgres_match`.

search/DESIGN.md ("PostgreSQL, common words"): for a word in most documents, PostgreSQL reads every
index entry; `search/engine/database.py` keeps the planner off the content-type index, computes the
tsquery once, matches on stored lexemes and ranks from a copy of the body vector kept in the row
(hub/base/migrations/0008). This measures both versions of `DatabaseFacetedSearch` (the one in
`git show BENCH_BEFORE:search/engine/database.py`, default `main`, and the working tree's) on the same
data, taking turns, and prints and writes JSON (BENCH_OUT, default bench/.cache/postgres-match.json).

The data are search documents only, built in bulk in the database of DATABASE_URL (a scratch
PostgreSQL database: it is migrated, and the documents' foreign key to their page is dropped so no
page has to exist): BENCH_PAGES documents (10000; 50000 build in about 4 minutes) of 150 words drawn
with Zipf weights from bench/vocabulary.py, indexed by modelsearch's own PostgreSQL backend, then ANALYZEd. A search is
what the view does: facet counts, the first page of ten results, their documents.
"""

import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PAGES = int(os.environ.get("BENCH_PAGES", "10000"))
REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "7"))
BEFORE = os.environ.get("BENCH_BEFORE", "main")
OUT = Path(os.environ.get("BENCH_OUT", BENCH_DIR / ".cache" / "postgres-match.json"))
# Common words (in most documents), middling ones and rare ones, alone and together, ranked and by date.
QUERIES = [
    "q=community",
    "q=local+development",
    "q=community&sort=newest",
    "q=community&type=paper",
    "q=budget",
    "q=mapping+women",
    "q=scorecard",
    "q=crowdfunding+entry",
]


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
    os.environ.pop("ELASTICSEARCH_URL", None)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a scratch PostgreSQL database")
    import django

    django.setup()


def _build():
    """BENCH_PAGES search documents and their index entries, unless already there."""
    from django.core.management import call_command
    from django.db import connection

    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from bench.vocabulary import EN
    from search.models import SearchDocument, SearchFacet

    call_command("migrate", verbosity=0)
    if SearchDocument.objects.count() == PAGES:
        return None
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'search_searchdocument'::regclass AND contype = 'f'"
        )
        for (name,) in cursor.fetchall():
            if name.startswith("search_searchdocument_page_id"):
                cursor.execute(f'ALTER TABLE search_searchdocument DROP CONSTRAINT "{name}"')
    SearchDocument.objects.all().delete()
    locale = Locale.get_default()
    rng = random.Random(42)
    weights = [1 / (rank + 1) for rank in range(len(EN))]
    types = ["paper"] * 6 + ["event"] * 2 + ["member", "term"]
    backend = get_search_backend()
    index = backend.get_index_for_model(SearchDocument)
    for chunk in range(0, PAGES, 1000):
        documents = []
        for pk in range(chunk + 1, min(chunk + 1000, PAGES) + 1):
            documents.append(
                SearchDocument(
                    page_id=pk,
                    locale=locale,
                    type=rng.choice(types),
                    title=" ".join(rng.choices(EN, weights, k=6)).capitalize(),
                    url=f"/en/doc-{pk}/",
                    text=" ".join(rng.choices(EN, weights, k=150)),
                )
            )
        SearchDocument.objects.bulk_create(documents)
        SearchFacet.objects.bulk_create(SearchFacet(document=d, facet="type", value=d.type) for d in documents)
        index.add_items(SearchDocument, documents)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return round(time.perf_counter() - started, 1)


def _before_module():
    """DatabaseFacetedSearch as it is in BENCH_BEFORE, imported beside the current one."""
    source = subprocess.run(  # noqa: S603 - a fixed git command; BENCH_BEFORE is the operator's own
        ["git", "show", f"{BEFORE}:search/engine/database.py"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "database_before.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("search.engine.database_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _one(search_class, query, locale):
    from django.core.paginator import Paginator
    from django.http import QueryDict

    from search.params import SearchParams

    params = SearchParams.from_querydict(QueryDict(query))
    started = time.perf_counter()
    search = search_class(params, locale)
    page = Paginator(search.results, 10).get_page(1)
    titles = [d.title for d in page.object_list]
    search.facet_counts()
    return (time.perf_counter() - started) * 1000, titles, search.count()


def main():
    _setup()
    from wagtail.models import Locale

    from search.engine import database

    built_s = _build()
    locale = Locale.get_default()
    versions = {"before": _before_module().DatabaseFacetedSearch, "after": database.DatabaseFacetedSearch}
    times = {name: {query: [] for query in QUERIES} for name in versions}
    same = {}
    counts = {}
    for query in QUERIES:  # warm-up, and the two must agree
        results = {name: _one(cls, query, locale) for name, cls in versions.items()}
        same[query] = results["before"][1:] == results["after"][1:]
        counts[query] = results["after"][2]
    rng = random.Random(1)
    for _ in range(REPEAT):
        for query in QUERIES:
            order = list(versions)
            rng.shuffle(order)
            for name in order:
                times[name][query].append(_one(versions[name], query, locale)[0])

    def p95(values):
        return round(statistics.quantiles(values, n=20)[-1], 1) if len(values) > 1 else round(values[0], 1)

    report = {
        "pages": PAGES,
        "repeat": REPEAT,
        "before": BEFORE,
        "build_s": built_s,
        "load_average": os.getloadavg(),
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "queries": {
            query: {
                "matches": counts[query],
                "same_results": same[query],
                **{f"{name}_p50_ms": round(statistics.median(times[name][query]), 1) for name in versions},
                **{f"{name}_max_ms": round(max(times[name][query]), 1) for name in versions},
            }
            for query in QUERIES
        },
        **{f"{name}_p95_ms": p95([t for ts in times[name].values() for t in ts]) for name in versions},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
