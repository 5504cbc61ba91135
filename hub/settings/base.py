"""Settings shared by every environment; each profile module overrides what differs."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = os.environ

INSTALLED_APPS = [
    "hub.base",
    "hub.catalogue",
    "members",
    "resources",
    "events",
    "hub.joining",
    "search",
    "hub.subscriptions",
    "hub.map",
    "hub.demo",
    "hub.ops",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache, so that cached hits are counted too (hub/base/readership.py).
    "hub.base.readership.ReadershipMiddleware",
    # Before the session and locale: a cached page is answered without them (hub/base/cache.py).
    "hub.base.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "hub.base.memo.RequestMemoMiddleware",
]

ROOT_URLCONF = "hub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "hub.context_processors.hub",
            ],
        },
    },
]

WSGI_APPLICATION = "hub.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: adding a locale is one line here plus its .po file.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "CLD Hub"
# Outgoing mail (hub/base/mail.py): seconds before each retry of a failed send; then a MailFailure.
HUB_MAIL_RETRY_DELAYS = (60, 300, 1800)
# The contact that OAI-PMH harvesters see (resources/oai.py); DEFAULT_FROM_EMAIL when unset.
OAI_ADMIN_EMAIL = env.get("OAI_ADMIN_EMAIL", "")
OAI_PAGE_SIZE = 100  # records per OAI-PMH list response before a resumption token
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Upload allow-lists and size limits: hub/settings/security.py.
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars never come from another host (gravatar.com): the CSP blocks it and offline machines cannot reach it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Search: the database backend (SQLite FTS5 / PostgreSQL FTS) unless a search engine is
# configured: ELASTICSEARCH_URL with SEARCH_ENGINE naming it (opensearch2 or elasticsearch8;
# required, never detected: settings make no network call while they load).
SEARCH_ENGINE = env.get("SEARCH_ENGINE", "")
ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = env.get("SEARCH_INDEX_PREFIX", "cldhub_")
if ELASTICSEARCH_URL:
    from hub.base.search_backend import engine_backend_settings

    WAGTAILSEARCH_BACKENDS = {
        "default": engine_backend_settings(
            ELASTICSEARCH_URL,
            SEARCH_ENGINE,
            SEARCH_INDEX_PREFIX,
            timeout=float(env.get("SEARCH_TIMEOUT", "5")),
            bulk_timeout=float(env.get("SEARCH_BULK_TIMEOUT", "60")),
            concurrent_segments=env.get("SEARCH_CONCURRENT_SEGMENTS", "none"),
        )
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cldhub",
        # Room for the full-page cache of a busy hub (hub/base/cache.py); Django's default is 300.
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
}
HUB_PAGE_CACHE_SECONDS = int(env.get("HUB_PAGE_CACHE_SECONDS", "300"))
# Views and downloads (hub/base/readership.py): where the visitor's address is read (behind a proxy,
# the header it sets, e.g. HTTP_X_FORWARDED_FOR), and how often a worker with a per-process cache
# flushes its own counts (0: never; `manage.py flush_counts` does it with a shared cache).
HUB_READERSHIP_IP_HEADER = env.get("HUB_READERSHIP_IP_HEADER", "REMOTE_ADDR")
HUB_READERSHIP_FLUSH_SECONDS = int(env.get("HUB_READERSHIP_FLUSH_SECONDS", "60"))

COUNTRIES_FIRST_BREAK = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "hub": {"handlers": ["console"], "level": env.get("HUB_LOG_LEVEL", "INFO")},
        "search": {"handlers": ["console"], "level": env.get("HUB_LOG_LEVEL", "INFO")},
    },
}

HUB_TAGLINE = _("Movement for Community-led Development")

# Event registrations (events/registrations.py): personal data is erased this many days after the
# event ends, keeping the counts; the limits are per hour, per e-mail address and per client address.
HUB_REGISTRATION_RETENTION_DAYS = int(env.get("HUB_REGISTRATION_RETENTION_DAYS", "90"))
HUB_REGISTRATION_LIMIT_PER_ADDRESS = 5
HUB_REGISTRATION_LIMIT_PER_IP = 20

# The map (/map/) draws its own basemap from vendored Natural Earth boundaries. A deployment
# that wants raster tiles under it sets an XYZ template such as https://tiles.example.org/{z}/{x}/{y}.png
# (and must then allow that host in its Content-Security-Policy); unset, the map loads nothing external.
HUB_MAP_TILE_URL = env.get("HUB_MAP_TILE_URL", "")
HUB_MAP_TILE_ATTRIBUTION = env.get("HUB_MAP_TILE_ATTRIBUTION", "")
# Security: CSP, login lock-out, upload allow-list, headers (hub/settings/security.py).
from .security import *  # noqa: E402, F403
from .security import SECURITY_APPS  # noqa: E402

INSTALLED_APPS += SECURITY_APPS
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "hub.base.security.CSPMiddleware"
)
MIDDLEWARE.append("hub.base.security.AdminBadInputMiddleware")
# Last, as django-axes asks: it turns a lock-out raised by its backend into the lock-out page.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

# Days after a membership application is decided before its personal data is erased (hub/joining/services.py).
HUB_APPLICATION_RETENTION_DAYS = int(env.get("HUB_APPLICATION_RETENTION_DAYS", "180"))
