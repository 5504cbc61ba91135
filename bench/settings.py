"""The hub's dev settings pointed at the benchmark corpus.

SQLite file under bench/.cache/ keyed by BENCH_PAGES and the code that shapes the corpus,
unless DATABASE_URL is set. DEBUG is off so templates are cached and static files go through
the manifest and WhiteNoise, as in production.
"""

from bench import config
from hub.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

if not config.DATABASE_URL:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(config.SQLITE_PATH),
            "CONN_MAX_AGE": 60,
        }
    }

if config.ELASTICSEARCH_URL:
    # The benchmark gets indexes of its own and never touches the dev ones.
    SEARCH_INDEX_PREFIX = config.INDEX_PREFIX
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = config.INDEX_PREFIX  # noqa: F405

STATIC_ROOT = config.STATIC_ROOT
MEDIA_ROOT = config.MEDIA_ROOT
HUB_CREATE_DEMO_USERS = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
