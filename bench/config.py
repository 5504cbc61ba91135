"""Benchmark configuration from the environment; plain Python, read before Django is set up."""

import hashlib
import os
import re
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
CACHE_DIR = BENCH_DIR / ".cache"

PAGES = int(os.environ.get("BENCH_PAGES", "10000"))
OUT = Path(os.environ.get("BENCH_OUT", BENCH_DIR / "results.json"))
SEARCH_REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "5"))
SEARCH_TIME_LIMIT = float(os.environ.get("BENCH_SEARCH_TIME_LIMIT", "5"))  # seconds, per search
RENDER_REQUESTS = int(os.environ.get("BENCH_RENDER_REQUESTS", "20"))
THROUGHPUT_SECONDS = float(os.environ.get("BENCH_THROUGHPUT_SECONDS", "10"))
THROUGHPUT_CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
SEED = 42
# PostgreSQL only: search with the GIN index of hub/base/migrations/0003 ("with"), without it ("without",
# dropped for the search step and recreated), or both, one after the other ("both").
GIN = os.environ.get("BENCH_GIN", "with")

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

# A change to any of these makes a different corpus: the cached database is rebuilt.
_HASHED = [
    "bench/corpus/generator.py",
    "bench/corpus/spec.py",
    "bench/corpus/text.py",
    "bench/corpus/documents.py",
    "bench/vocabulary.py",
    "hub/base/models.py",
    "hub/base/blocks.py",
    "hub/demo/data.py",
    "members/models.py",
    "events/models.py",
    "search/models.py",
    "search/documents.py",
    "search/related.py",
    "requirements.txt",
]
_HASHED_DIRS = [
    "resources/models",
    "hub/migrations",
    "members/migrations",
    "resources/migrations",
    "events/migrations",
    "search/migrations",
]


def corpus_hash():
    digest = hashlib.sha256(str(PAGES).encode())
    files = [BASE_DIR / name for name in _HASHED]
    for folder in _HASHED_DIRS:
        files += sorted((BASE_DIR / folder).glob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:12]


def schema_hash():
    """What decides the schema of an empty, migrated database."""
    digest = hashlib.sha256()
    for path in [
        BASE_DIR / "requirements.txt",
        *(p for d in _HASHED_DIRS for p in sorted((BASE_DIR / d).glob("*.py"))),
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CORPUS_HASH = corpus_hash()
CORPUS_NAME = f"corpus-{PAGES}-{CORPUS_HASH}"
SQLITE_PATH = CACHE_DIR / f"{CORPUS_NAME}.sqlite3"
# Written once a corpus is complete; a database without it is half-built and is rebuilt.
# Keyed by the servers too, since the corpus then lives in them.
_SERVERS = hashlib.sha256(f"{DATABASE_URL}|{ELASTICSEARCH_URL}".encode()).hexdigest()[:8]
# Which database a marker's corpus lives in: runs with other search settings over the same database
# (PostgreSQL's own search, then OpenSearch) share the corpus and only index it again.
DATABASE_KEY = hashlib.sha256(DATABASE_URL.encode()).hexdigest()[:8] if DATABASE_URL else ""
MARKER_PATH = CACHE_DIR / (
    f"{CORPUS_NAME}-{_SERVERS}.json" if DATABASE_URL or ELASTICSEARCH_URL else f"{CORPUS_NAME}.json"
)
# The throughput step hands the server its parent's database, whatever the code looks like by then.
if os.environ.get("BENCH_SQLITE_PATH"):
    SQLITE_PATH = Path(os.environ["BENCH_SQLITE_PATH"])
    CORPUS_NAME = SQLITE_PATH.stem
    MARKER_PATH = SQLITE_PATH.with_suffix(".json")

# BENCH_REUSE=1: while working on the hub's code, keep measuring the newest complete corpus of
# BENCH_PAGES even though the code it was built from has changed since (the results say so).
REUSED_STALE_CORPUS = False
if os.environ.get("BENCH_REUSE") == "1" and not DATABASE_URL and not MARKER_PATH.exists():
    _complete = [m for m in CACHE_DIR.glob(f"corpus-{PAGES}-*.json") if m.with_suffix(".sqlite3").exists()]
    if _complete:
        MARKER_PATH = max(_complete, key=lambda m: m.stat().st_mtime)
        CORPUS_NAME = MARKER_PATH.stem
        SQLITE_PATH = MARKER_PATH.with_suffix(".sqlite3")
        REUSED_STALE_CORPUS = True

# A freshly migrated database, copied for each new corpus: migrating SQLite takes most of a minute.
SCHEMA_PATH = CACHE_DIR / f"schema-{schema_hash()}.sqlite3"
STATIC_ROOT = CACHE_DIR / "static"
MEDIA_ROOT = CACHE_DIR / "media"
INDEX_PREFIX = f"bench_cldhub_{PAGES}_"


def redacted(url):
    """A database or engine URL without its password, for the results file."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
