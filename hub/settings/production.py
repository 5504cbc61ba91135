"""Production: every secret comes from the environment and a missing one stops start-up.

Loading these settings never touches the network (hub/tests/test_cluster_settings.py checks it): services that
are down when a process starts are found out by the requests that need them.
"""

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, LOGGING, STORAGES, env

DEBUG = False
SECRET_KEY = env["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = [h.strip() for h in env["ALLOWED_HOSTS"].split(",") if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is empty: give the site's host names, comma-separated")
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}")

# No silent fallback to a SQLite file beside the code: several app servers share one database.
DATABASES = {
    "default": dj_database_url.parse(
        env["DATABASE_URL"],
        conn_max_age=int(env.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# The search engine is named by SEARCH_ENGINE, never detected: base.py refuses ELASTICSEARCH_URL
# without it (hub/base/search_backend.py).

HUB_CREATE_DEMO_USERS = False

# The admin's paper imports and all outgoing mail (hub/base/mail.py) are stored in the database and
# run by `manage.py db_worker --queue-name '*' --backend imports` and `... --backend mail` (mail's
# retries come back as deferred tasks); Wagtail's own tasks (reference and search index updates) stay
# immediate, so a site whose worker is down still indexes what editors publish.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Static files: whitenoise's compressed, hashed files (STORAGES["staticfiles"] in base),
# built by `manage.py collectstatic --noinput` at deploy time.

# Media: local files under MEDIA_ROOT by default. With several app servers, S3-compatible object
# storage (django-storages) shared by all: AWS_STORAGE_BUCKET_NAME turns it on; boto3 reads
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_REQUEST_CHECKSUM_CALCULATION) itself. Documents
# are streamed through the app (WAGTAILDOCS_SERVE_METHOD, security.py), so privacy rules and
# download counts apply; an unreachable store answers 503 (hub/errors.py).
if env.get("AWS_STORAGE_BUCKET_NAME"):
    from botocore.config import Config

    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
                "location": env.get("AWS_LOCATION", ""),  # a key prefix: several sites can share a bucket
                "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": env.get("AWS_S3_REGION_NAME") or None,
                "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "file_overwrite": False,
                "default_acl": None,
                # A store that is down must fail a download fast (503), not hold a worker for a minute.
                "client_config": Config(
                    connect_timeout=float(env.get("AWS_S3_CONNECT_TIMEOUT", "2")),
                    read_timeout=float(env.get("AWS_S3_READ_TIMEOUT", "20")),
                    retries={"mode": "standard", "max_attempts": int(env.get("AWS_S3_MAX_ATTEMPTS", "2"))},
                ),
            },
        },
    }

# Cache: per-process memory by default; REDIS_URL shares one cache between app servers (the page
# cache, readership counters). A Redis outage serves pages uncached, never errors
# (hub/base/cache_backends.py). Sessions and sign-in lockouts live in the database.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "hub.base.cache_backends.TolerantRedisCache",
            "LOCATION": env["REDIS_URL"],
        }
    }

if env.get("EMAIL_HOST"):
    EMAIL_HOST = env["EMAIL_HOST"]
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env.get("DEFAULT_FROM_EMAIL", f"noreply@{ALLOWED_HOSTS[0].lstrip('.')}")

# Errors (500 tracebacks included) go to the console, where the process manager collects them.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": env.get("DJANGO_LOG_LEVEL", "WARNING")}}
