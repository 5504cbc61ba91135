"""Settings of the site the browser suite runs against: the dev settings (DEBUG serves static
and media files under runserver) on a throwaway database, media folder and credentials file."""

import os
from pathlib import Path

from hub.settings.dev import *  # noqa: F403

# Set by tests/browser/server.py: the run's temporary folder, so the developer's
# db.sqlite3, media/ and .demo-credentials stay untouched.
_RUN_DIR = Path(os.environ["HUB_BROWSER_RUN_DIR"])
MEDIA_ROOT = _RUN_DIR / "media"
HUB_DEMO_CREDENTIALS_FILE = _RUN_DIR / ".demo-credentials"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
