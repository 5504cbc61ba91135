"""What the figures were measured on."""

import os
import platform
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench import config


def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _database():
    vendor = connection.vendor
    if vendor == "sqlite":
        import sqlite3

        version = sqlite3.sqlite_version
        where = str(Path(settings.DATABASES["default"]["NAME"]).relative_to(config.BASE_DIR))
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
        where = config.redacted(config.DATABASE_URL)
    return {"vendor": vendor, "version": version, "location": where, "from_DATABASE_URL": bool(config.DATABASE_URL)}


def _search_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    described = {"backend": backend, "from_ELASTICSEARCH_URL": bool(config.ELASTICSEARCH_URL)}
    if config.ELASTICSEARCH_URL:
        described["url"] = config.redacted(config.ELASTICSEARCH_URL)
        described["index_prefix"] = settings.WAGTAILSEARCH_BACKENDS["default"].get("INDEX_PREFIX")
    else:
        from wagtail.search.backends import get_search_backend

        described["class"] = type(get_search_backend()).__module__
    return described


def load_average():
    """The 1-minute load average: other work on the machine skews every figure."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def describe():
    import django

    import wagtail

    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": _memory_gb(),
        "load_average_at_start": load_average(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": _database(),
        "search_backend": _search_backend(),
    }
