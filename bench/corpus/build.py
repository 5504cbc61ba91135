"""Build the corpus once per BENCH_PAGES and code version, or reuse the cached one."""

import json
import shutil
import time

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.backends.signals import connection_created
from django.utils import timezone

from wagtail.models import Locale, Page

from bench import config

from .documents import build_documents, check_documents
from .generator import Generator, set_site
from .indexing import check_index, index_in_bulk


def _fast_sqlite_writes(sender=None, connection=connection, **kwargs):
    """The cache file is rebuilt if anything goes wrong (see MARKER_PATH): no need for durability."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=MEMORY")
            cursor.execute("PRAGMA synchronous=OFF")


def _migrate(log):
    """Migrate, or copy the empty migrated database kept from an earlier build."""
    started = time.perf_counter()
    if config.DATABASE_URL:
        call_command("migrate", verbosity=0, interactive=False)
    elif config.SCHEMA_PATH.exists():
        connection.close()
        shutil.copyfile(config.SCHEMA_PATH, config.SQLITE_PATH)
        call_command("migrate", verbosity=0, interactive=False)  # nothing to apply; checks the copy is current
    else:
        for stale in config.CACHE_DIR.glob("schema-*.sqlite3"):
            stale.unlink()
        call_command("migrate", verbosity=0, interactive=False)
        connection.close()
        shutil.copyfile(config.SQLITE_PATH, config.SCHEMA_PATH)
    seconds = round(time.perf_counter() - started, 2)
    log(f"  migrated in {seconds} s")
    return seconds


def _check_empty():
    """Refuse to fill a database that holds anything but a fresh install."""
    if Page.objects.filter(depth__gt=2).exists() or Page.objects.filter(depth=2).count() > 1:
        raise SystemExit(
            f"The database at DATABASE_URL ({config.redacted(config.DATABASE_URL)}) already has pages and no "
            f"benchmark marker ({config.MARKER_PATH.name}); the benchmark only fills an empty database. "
            "Point DATABASE_URL at a database of its own (e.g. createdb cldhub_bench)."
        )


def build(log=print):
    """Migrate, generate, make search documents, index. Returns the timings and counts."""
    timings = {}
    started = time.perf_counter()
    connection_created.connect(_fast_sqlite_writes, dispatch_uid="bench-fast-writes")
    if connection.connection is not None:
        _fast_sqlite_writes(connection=connection)
    timings["migrate_s"] = _migrate(log)
    if config.DATABASE_URL:
        _check_empty()

    step = time.perf_counter()
    generator = Generator(config.PAGES)
    with transaction.atomic():
        generator.run()
        set_site(generator.homes["en"])
    timings["pages_s"] = round(time.perf_counter() - step, 2)
    log(f"  {config.PAGES} pages in {timings['pages_s']} s")

    step = time.perf_counter()
    with transaction.atomic():
        documents = build_documents()
    timings["documents_s"] = round(time.perf_counter() - step, 2)
    log(f"  {documents['documents']} search documents in {timings['documents_s']} s")

    indexed = index_in_bulk(log)
    timings["update_index_s"] = indexed["seconds"]
    timings["index_method"] = indexed["method"]
    log(f"  search index ({indexed['method']}) in {timings['update_index_s']} s")

    step = time.perf_counter()
    checked = check_documents()
    engine_documents = check_index(indexed["documents"])
    timings["check_s"] = round(time.perf_counter() - step, 2)
    timings["generate_s"] = round(time.perf_counter() - started - timings["migrate_s"], 2)
    timings["total_s"] = round(time.perf_counter() - started, 2)

    # No ANALYZE on SQLite: Django never runs it, so the hub's own database has no statistics either.
    # PostgreSQL's autovacuum analyses new tables soon after a bulk load, so it is done at once.
    connection_created.disconnect(dispatch_uid="bench-fast-writes")
    if connection.vendor == "sqlite":
        connection.close()
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "timings": timings,
        "counts": {
            **generator.stats,
            **documents,
            "documents_checked_against_sync_page": checked,
            "engine_documents": engine_documents,
        },
        "index_entries": _index_entries(),
        "built_at": timezone.now().isoformat(timespec="seconds"),
    }


def _index_entries():
    if "database" not in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        return None
    from wagtail.search.models import IndexEntry

    return IndexEntry.objects.count()


def _index_only(sibling, log):
    """Index the corpus another run left in this database (same code, other search settings)."""
    meta = json.loads(sibling.read_text())
    log(f"Corpus {config.CORPUS_NAME} is in the database already ({sibling.name}); indexing it for this search backend")
    indexed = index_in_bulk(log)
    check_index(indexed["documents"])
    meta["timings"] = {
        **meta["timings"],
        "update_index_s": indexed["seconds"],
        "index_method": indexed["method"],
        "indexed_from": sibling.name,
    }
    meta["index_entries"] = _index_entries()
    meta["built_at"] = timezone.now().isoformat(timespec="seconds")
    return meta


def _sibling_marker():
    """The marker of a complete corpus of this code in this same database, made with other search settings."""
    if not config.DATABASE_URL:
        return None
    for marker in config.CACHE_DIR.glob(f"{config.CORPUS_NAME}-*.json"):
        if marker != config.MARKER_PATH and json.loads(marker.read_text()).get("database_key") == config.DATABASE_KEY:
            try:
                if Page.objects.filter(depth__gt=3).count() == config.PAGES:
                    return marker
            except DatabaseError:
                return None
    return None


def ensure(log=print):
    """The corpus for BENCH_PAGES: from the cache when it is complete, else built now."""
    config.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    if config.MARKER_PATH.exists() and (config.DATABASE_URL or config.SQLITE_PATH.exists()):
        meta = json.loads(config.MARKER_PATH.read_text())
        if config.REUSED_STALE_CORPUS:
            call_command("migrate", verbosity=0, interactive=False)  # new migrations since it was built
        try:
            complete = Page.objects.filter(depth__gt=3).count() == config.PAGES
        except DatabaseError:
            complete = False
        if complete:
            meta["cached"] = True
            return meta
        log("  the cached corpus is incomplete; rebuilding")
    if not config.DATABASE_URL:
        connection.close()
        # SQLite files and their markers only: markers of corpora in servers (name-hash-servers.json) stay.
        stale = [*config.CACHE_DIR.glob(f"corpus-{config.PAGES}-*.sqlite3*")]
        stale += [m for m in config.CACHE_DIR.glob(f"corpus-{config.PAGES}-*.json") if m.stem.count("-") == 2]
        for path in stale:
            path.unlink()
        for suffix in ("-journal", "-wal", "-shm"):
            config.SQLITE_PATH.with_name(config.SQLITE_PATH.name + suffix).unlink(missing_ok=True)
    sibling = _sibling_marker()
    if sibling:
        meta = _index_only(sibling, log)
    else:
        log(f"Building a corpus of {config.PAGES} pages ({config.CORPUS_NAME})")
        meta = build(log)
    meta["database_key"] = config.DATABASE_KEY
    config.MARKER_PATH.write_text(json.dumps(meta, indent=2))
    meta["cached"] = False
    return meta


def sample_pages():
    """One English page of each type near the middle of its kind, and the index pages."""
    from django.apps import apps

    from hub.base.models import HomePage

    en = Locale.objects.get(language_code="en")
    names = {
        "member": "members.MemberPage",
        "chapter": "members.ChapterPage",
        "term": "resources.GlossaryTermPage",
        "paper": "resources.PaperPage",
        "event": "events.EventPage",
    }
    pages = {"home": HomePage.objects.get(locale=en, depth=2)}
    for name, label in names.items():
        query = apps.get_model(label).objects.live().filter(locale=en).order_by("pk")
        pages[name] = query[query.count() // 2]
    for slug in ("members", "chapters", "glossary", "papers", "events"):
        pages[f"{slug}_index"] = Page.objects.get(locale=en, depth=3, slug=slug).specific
    return pages
