"""Signed-in editors' bad input gets a form error or a 400, never a 500 or a stored hazard (issue 24)."""

import pytest

from hub.tests.test_security_uploads import HTML, PDF, admin_client, form_errors, upload_document  # noqa: F401

# Each test builds the tree it asks for (conftest.py, "the test site"):
# most of its tests build a site of their own.
SHARED_TREE = False

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

    from hub.base.security import SCAN_CHUNK, contains_markup

    for cut in range(1, 14):
        padding = b"x" * (SCAN_CHUNK - cut)
        assert contains_markup(BytesIO(padding + b"<!doctype html>")) is True, cut
    assert contains_markup(BytesIO(PDF + b"x" * (3 * SCAN_CHUNK))) is False


def truncated_png():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (400, 300), "red").save(buffer, "PNG")
    return buffer.getvalue()[:200]


def test_a_truncated_png_is_a_form_error(admin_client):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        "/admin/images/add/",
        {"title": "photo", "file": SimpleUploadedFile("photo.png", truncated_png(), "image/png"), "collection": 1},
    )
    assert response.status_code == 200
    assert "damaged or incomplete" in form_errors(response)


def test_a_truncated_png_in_a_multiple_upload_is_an_error_for_that_file(admin_client):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("photo.png", truncated_png(), "image/png"), "collection": 1},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code in (200, 400)
    assert response.json()["success"] is False
    assert "damaged or incomplete" in str(response.json())


def test_a_bulk_action_with_an_id_that_is_no_number_is_a_400(admin_client, tree):  # noqa: F811
    response = admin_client.get("/admin/bulk/wagtailcore/page/delete/", {"id": "abc"})
    assert response.status_code == 400


def test_a_paper_form_without_its_body_count_is_a_400(admin_client, tree):  # noqa: F811
    library = tree["library"]
    response = admin_client.post(f"/admin/pages/add/resources/paperpage/{library.pk}/", {"title": "x", "slug": "x"})
    assert response.status_code == 400


def test_a_rich_text_field_with_invalid_json_is_a_400(admin_client, tree):  # noqa: F811
    member = tree["member"]
    response = admin_client.post(
        f"/admin/pages/{member.pk}/edit/", {"title": member.title, "slug": member.slug, "commitment": "{not json"}
    )
    assert response.status_code == 400


def test_a_member_editor_uploading_a_truncated_png_gets_a_form_error_and_nothing_is_saved(client, home):
    """Finding 11 for a member editor: the upload goes to its own collection, and a damaged image is refused."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from members.factories import MemberIndexPageFactory
    from members.onboarding import onboard_member

    MemberIndexPageFactory(parent=home)
    onboard_member("Rivers Trust", "ana@rivers.example.org", username="ana")
    editor = get_user_model().objects.get(username="ana")
    editor.is_active = True
    editor.set_password("a long enough passphrase")
    editor.save()
    client.force_login(editor)
    collection = Collection.objects.get(name="Rivers Trust")

    response = client.post(
        "/admin/images/add/",
        {
            "title": "photo",
            "file": SimpleUploadedFile("photo.png", truncated_png(), "image/png"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200
    assert "damaged or incomplete" in form_errors(response)
    assert not get_image_model().objects.exists()
