"""Signed-in editors' bad input gets a form error or a 400, never a 500 or a stored hazard (issue 24)."""

import pytest

from hub.tests.test_security_uploads import HTML, PDF, admin_client, form_errors, upload_document  # noqa: F401

pytestmark = pytest.mark.django_db

MARKUP_MESSAGE = "web page or SVG markup"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", HTML.decode().encode("utf-16")),  # with a byte-order mark
        ("notes.txt", HTML.decode().encode("utf-16-le")),
        ("notes.txt", HTML.decode().encode("utf-16-be")),
        ("notes.txt", b"\xef\xbb\xbf" + HTML),
        ("padded.txt", b" " * 2100 + HTML),
        ("padded.csv", b"a,b\n" * 300_000 + b"<SVG onload=alert(1)>"),  # past 1 MB, across chunk borders
        ("latin.txt", "café ".encode("latin-1") * 1000 + b"<iframe src=x>"),
    ],
)
def test_markup_anywhere_in_any_common_encoding_is_refused(admin_client, name, content):  # noqa: F811
    from wagtail.documents.models import Document

    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert MARKUP_MESSAGE in form_errors(response)
    assert not Document.objects.exists()


def test_markup_split_across_a_chunk_border_is_found():
    from io import BytesIO

    from hub.security import SCAN_CHUNK, contains_markup

    for cut in range(1, 14):
        padding = b"x" * (SCAN_CHUNK - cut)
        assert contains_markup(BytesIO(padding + b"<!doctype html>")) is True, cut
    assert contains_markup(BytesIO(PDF + b"x" * (3 * SCAN_CHUNK))) is False
