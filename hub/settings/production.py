"""Production: every secret comes from the environment and a missing one stops start-up."""

import importlib.util

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

# Media: local files under MEDIA_ROOT by default. With several app servers, use shared
# S3-compatible storage through django-storages (installed separately: pip install
# "django-storages[s3]"); boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself.
if env.get("AWS_STORAGE_BUCKET_NAME"):
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured("AWS_STORAGE_BUCKET_NAME is set but django-storages[s3] is not installed")
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": env.get("AWS_S3_REGION_NAME") or None,
                "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }

# Cache: per-process memory by default; REDIS_URL shares one cache between app servers.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
