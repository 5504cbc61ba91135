"""Security settings shared by every profile: CSP, login lock-out, uploads, cookies.

Imported at the end of base.py; production.py adds the HTTPS-only parts (secure cookies, HSTS).
"""

import datetime
import os
from urllib.parse import urlsplit

from csp.constants import NONE, SELF

env = os.environ

SECURITY_APPS = ["csp", "axes"]

# --- Content-Security-Policy (django-csp 4) ------------------------------------------------
# The public site runs no inline script or style: every script and stylesheet is a static file.
# JSON-LD blocks (<script type="application/ld+json">) are data, never executed, so script-src
# does not apply to them. Media may come from an S3 bucket or a CDN domain: its host is allowed
# for images (and nothing else).


def _media_hosts():
    hosts = []
    if env.get("AWS_S3_CUSTOM_DOMAIN"):
        hosts.append(f"https://{env['AWS_S3_CUSTOM_DOMAIN']}")
    if env.get("AWS_S3_ENDPOINT_URL"):
        parts = urlsplit(env["AWS_S3_ENDPOINT_URL"])
        hosts.append(f"{parts.scheme}://{parts.netloc}")
    hosts += [h.strip() for h in env.get("CSP_MEDIA_HOSTS", "").split(",") if h.strip()]
    return hosts


# Video embeds (EmbedBlock) are iframes from these providers.
CSP_EMBED_HOSTS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media_hosts()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *_media_hosts()],
        "frame-src": [SELF, *CSP_EMBED_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The Wagtail admin (/admin/) renders inline scripts (widgets, panels) and inline styles, and shows
# page previews in same-origin iframes: it gets its own, looser policy (hub.base.security.CSPMiddleware).
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *_media_hosts()],
    "frame-ancestors": [SELF],
}
CSP_ADMIN_PREFIX = "/admin/"

# --- Login lock-out (django-axes 8) --------------------------------------------------------
# Five wrong passwords for one user name from one address lock that pair out for 30 minutes;
# the same user from another address, or another user from this address, can still sign in.
AXES_FAILURE_LIMIT = int(env.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hub.base.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "hub.base.security.client_ip"
# Behind N trusted proxies, the client address is the N-th entry from the right of X-Forwarded-For.
HUB_TRUSTED_PROXY_COUNT = int(env.get("HUB_TRUSTED_PROXY_COUNT", "0"))

AUTHENTICATION_BACKENDS = [
    "hub.base.security.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Uploads ---------------------------------------------------------------------------------
# Documents: PDF, Office, OpenDocument, CSV and plain text, and images; never HTML or SVG. They
# are served by Wagtail's view as attachments with their type, nosniff and a sandbox CSP.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "rtf",
    "csv",
    "txt",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Files in one upload (Django's default, said here because the paper import form names it).
DATA_UPLOAD_MAX_NUMBER_FILES = 100
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_DOCUMENT_FORM_BASE = "hub.base.security.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "hub.base.security.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- Headers and cookies -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
