"""Security pieces wired in by hub/settings/security.py: the CSP middleware, the client address
used for login lock-outs, and the document upload form that refuses markup."""

import os
import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from csp.utils import default_config
from PIL import Image as PILImage


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the looser CONTENT_SECURITY_POLICY_ADMIN under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(settings.CSP_ADMIN_PREFIX):
            admin = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN)
            return PolicyParts(admin, parts.update, parts.replace, parts.nonce)
        return parts


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or behind HUB_TRUSTED_PROXY_COUNT proxies the address the
    outermost trusted proxy saw (X-Forwarded-For entries left of it can be forged by the client)."""
    count = settings.HUB_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


# Markers of a page or a vector image: a browser opening such a file would run its scripts.
MARKUP_SIGNATURES = (b"<!doctype html", b"<html", b"<svg", b"<script", b"<iframe", b"<body", b"<head")
# Each marker as it appears in UTF-8, ASCII and latin-1 (the same bytes) and in UTF-16 LE and BE
# (with or without a byte-order mark: the search is by bytes at any offset).
ENCODED_SIGNATURES = tuple(
    {
        encoded
        for signature in MARKUP_SIGNATURES
        for encoded in (signature, signature.decode().encode("utf-16-le"), signature.decode().encode("utf-16-be"))
    }
)
SCAN_CHUNK = 64 * 1024
# Chunks overlap by the longest encoded marker, less a byte, so one cut in two is still found.
SCAN_OVERLAP = max(len(signature) for signature in ENCODED_SIGNATURES) - 1


def contains_markup(uploaded_file):
    """Whether the file holds HTML or SVG markup anywhere, whatever its extension and encoding.

    The whole file is read (uploads are at most WAGTAILDOCS_MAX_UPLOAD_SIZE, 20 MB), one chunk
    at a time: a browser sniffing a text file finds markup after any amount of padding.
    """
    position = uploaded_file.tell() if hasattr(uploaded_file, "tell") else 0
    uploaded_file.seek(0)
    tail = b""
    found = False
    while not found:
        chunk = uploaded_file.read(SCAN_CHUNK)
        if not chunk:
            break
        if isinstance(chunk, str):
            chunk = chunk.encode()
        # bytes.lower() changes only ASCII letters, so UTF-16 markers are lowered as well.
        window = tail + chunk.lower()
        found = any(signature in window for signature in ENCODED_SIGNATURES)
        tail = window[-SCAN_OVERLAP:]
    uploaded_file.seek(position)
    return found


def _document_form_base():
    from wagtail.documents.forms import BaseDocumentForm

    return BaseDocumentForm


class SafeDocumentForm(_document_form_base()):
    """Wagtail's document form, refusing HTML and SVG content even under an allowed extension."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data and contains_markup(uploaded):
            raise ValidationError(
                _(
                    "This file contains web page or SVG markup, which cannot be uploaded. "
                    "Upload a PDF, office or image file."
                ),
                code="markup_not_allowed",
            )
        return uploaded


def _image_form_base():
    from wagtail.images.forms import BaseImageForm

    return BaseImageForm


DAMAGED_IMAGE = _("This image file is damaged or incomplete. Save it again and upload the new file.")
PILLOW_DECODE_ERRORS = (OSError, SyntaxError, ValueError, struct.error, PILImage.DecompressionBombError)


class SafeImageForm(_image_form_base()):
    """Wagtail's image form, refusing an image Pillow cannot decode to the end.

    WagtailImageField.to_python (Wagtail 8.0) reads the image with Pillow and lets a truncated
    PNG's OSError or struct.error through: a 500 in the add and the multiple add views alike,
    which both build their form on this base. Here it is a form error on the file.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.to_python = self._checked(field.to_python)

    @staticmethod
    def _checked(to_python):
        def checked_to_python(data):
            try:
                return to_python(data)
            except PILLOW_DECODE_ERRORS as error:
                raise ValidationError(DAMAGED_IMAGE, code="damaged_image") from error

        return checked_to_python

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            position = uploaded.tell()
            uploaded.seek(0)
            try:
                with PILImage.open(uploaded) as image:
                    image.load()
            except PILLOW_DECODE_ERRORS as error:
                raise ValidationError(DAMAGED_IMAGE, code="damaged_image") from error
            finally:
                uploaded.seek(position)
        return uploaded


# Wagtail code that reads raw form or query data and fails with a 500 on a value a browser never
# sends: a StreamField without its "-count" (StreamBlock.value_from_datadict, KeyError), a rich-text
# field whose Draftail JSON does not parse (DraftailRichTextArea.value_from_datadict,
# JSONDecodeError), and a bulk action's ?id=abc (bulk_action views, ValueError). Upstream
# behaviour as of Wagtail 8.0: these readers assume the data the admin's own JavaScript posts
# and do not validate it. They are the client's errors, so a 400; remove once Wagtail checks them.
ADMIN_BAD_INPUT = (
    (KeyError, "value_from_datadict", f"wagtail{os.sep}"),
    (ValueError, "value_from_datadict", f"wagtail{os.sep}"),
    (ValueError, None, f"wagtail{os.sep}admin{os.sep}views{os.sep}bulk_action{os.sep}"),
)


def _raised_in(error, function, path):
    frame = error.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code
        if path in code.co_filename and function in (None, code.co_name):
            return True
        frame = frame.tb_next
    return False


class AdminBadInputMiddleware:
    """Malformed admin input that Wagtail's own code fails on (ADMIN_BAD_INPUT) becomes a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path_info.startswith("/admin/"):
            return None
        for kind, function, path in ADMIN_BAD_INPUT:
            if isinstance(exception, kind) and _raised_in(exception, function, path):
                return HttpResponseBadRequest(
                    _("The form data was incomplete or malformed. Reload the page and try again."),
                    content_type="text/plain; charset=utf-8",
                )
        return None


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lock-out answer: a translated page saying for how long sign-in is paused."""
    from django.shortcuts import render

    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_timedelta": cool_off,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every sign-in that comes with a request (the admin login
    view, the API's authentication). A call without one (Django's test client `login()`, scripts)
    has no address to lock out, so it is left to the next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
