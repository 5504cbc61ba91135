"""Error pages that need no database: a 500 for a bug, a 503 when the database or the object store
(S3, for documents and images) is unreachable.

Both are rendered without a request context (no context processor, no template tag touching the
database), in the language of the URL prefix (/fr/...) or else of the visitor's browser, from
the gettext catalogues; a string not yet translated shows in English.
"""

import os
import sys

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.utils import translation

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 120


# Where Django opens a connection (BaseDatabaseWrapper.ensure_connection -> connect -> get_new_connection).
CONNECTING = frozenset({"ensure_connection", "connect", "get_new_connection"})


def _raised_while_connecting(error):
    frame = error.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code
        if code.co_name in CONNECTING and f"django{os.sep}db{os.sep}backends" in code.co_filename:
            return True
        frame = frame.tb_next
    return False


def _connection_lost(error):
    """A driver error without an SQLSTATE, or of class 08 (connection exception) or 57P (operator
    intervention: shutdown, cannot connect now): the server went away, not the query went wrong."""
    if not type(error).__module__.startswith("psycopg"):  # psycopg, psycopg2: PostgreSQL's drivers
        return False
    sqlstate = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    return sqlstate is None or sqlstate.startswith(("08", "57P"))


def database_unreachable(error):
    """Whether `error`, or an error it came from, is a refused or lost database connection.

    An OperationalError from a query (SQLite's "no such column", a statement timeout) is a bug or
    an overload, not an outage: it gets the 500 page, so a bug is never hidden as "database down".
    """
    chain = []
    while error is not None and all(error is not seen for seen in chain):
        chain.append(error)
        error = error.__cause__ or error.__context__
    if not any(isinstance(error, DATABASE_DOWN) for error in chain):
        return False
    return any(_raised_while_connecting(error) or _connection_lost(error) for error in chain)


def storage_unreachable(error):
    """Whether `error`, or an error it came from, is a failed connection to the S3 object store:
    botocore's connection and timeout errors, or a 5xx answer (the store is there but failing)."""
    try:
        from botocore.exceptions import ClientError, HTTPClientError
        from botocore.exceptions import ConnectionError as BotoConnectionError
    except ImportError:  # pragma: no cover - boto3 is in requirements.txt
        return False
    seen = []
    while error is not None and all(error is not other for other in seen):
        seen.append(error)
        if isinstance(error, (BotoConnectionError, HTTPClientError)):
            return True
        if isinstance(error, ClientError):
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
            if status >= 500:
                return True
        error = error.__cause__ or error.__context__
    return False


def error_language(request):
    language = translation.get_language_from_path(request.path_info)
    if not language:
        language = translation.get_language_from_request(request, check_path=False)
    return language or settings.LANGUAGE_CODE


def _stylesheet():
    try:
        return static("css/hub.css")
    except ValueError:  # the hashed-files manifest is missing: a plain page is better than none
        return ""


def render_error_page(request, template_name, status):
    language = error_language(request)
    with translation.override(language):
        html = loader.render_to_string(
            template_name,
            {
                "LANGUAGE_CODE": language,
                "stylesheet": _stylesheet(),
                "site_name": settings.WAGTAIL_SITE_NAME,
                "home_url": f"/{language}/",
            },
        )
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: a static 503 page when the database or the object store is down, else the static
    500 page. An upload that failed on the store saved nothing: the file is written before the row."""
    error = sys.exc_info()[1]
    if database_unreachable(error):
        return render_error_page(request, "503.html", 503)
    if storage_unreachable(error):
        return render_error_page(request, "storage_unavailable.html", 503)
    return render_error_page(request, "500.html", 500)
