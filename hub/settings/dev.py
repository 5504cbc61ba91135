from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Tasks (the admin's paper import) run inside the request, so `make run` needs no worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# Dev-only: load_demo may create demo users; production never does.
HUB_CREATE_DEMO_USERS = True

# The page cache (hub/base/cache.py) is off while developing, so template changes show at once;
# HUB_PAGE_CACHE_SECONDS=300 tries it.
HUB_PAGE_CACHE_SECONDS = int(env.get("HUB_PAGE_CACHE_SECONDS", "0"))
