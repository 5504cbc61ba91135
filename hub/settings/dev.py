from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
# Mail goes to a local mail catcher when EMAIL_HOST is set (e.g. EMAIL_HOST=127.0.0.1 EMAIL_PORT=1025),
# else it is printed by the worker.
if env.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env["EMAIL_HOST"]
    EMAIL_PORT = int(env.get("EMAIL_PORT", "25"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "hub@localhost")
# The admin's paper import runs inside the request; mail is queued in the database, as in production,
# and sent by the worker `make run` starts (`manage.py db_worker --backend mail --queue-name '*'`).
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Dev-only: load_demo may create demo users; production never does.
HUB_CREATE_DEMO_USERS = True

# The page cache (hub/base/cache.py) is off while developing, so template changes show at once;
# HUB_PAGE_CACHE_SECONDS=300 tries it.
HUB_PAGE_CACHE_SECONDS = int(env.get("HUB_PAGE_CACHE_SECONDS", "0"))
