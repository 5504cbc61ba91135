import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
HUB_CREATE_DEMO_USERS = True
# The page cache is off, so tests see fresh renders; hub/base/tests/test_page_cache.py turns it on.
HUB_PAGE_CACHE_SECONDS = 0
# Counts are flushed by the tests themselves (flush_counts), never by a background thread.
HUB_READERSHIP_FLUSH_SECONDS = 0
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
HUB_MAIL_RETRY_DELAYS = (0, 0)
# Installed so a test can run the production task backend (override_settings(TASKS=...)) and db_worker.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405

# A search engine run gets indexes of its own, so tests never touch the dev index;
# conftest.py creates them at the start and deletes them at the end.
if ELASTICSEARCH_URL:  # noqa: F405
    SEARCH_INDEX_PREFIX = f"test_cldhub_{os.getpid()}_"
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = SEARCH_INDEX_PREFIX  # noqa: F405
