"""Uploads: only safe document and image types, served as attachments; content never runs script."""

import json

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from resources.models import PaperPage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def form_errors(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(error.get_text(" ", strip=True) for error in soup.select(".error-message, .w-field__errors"))


def test_a_pdf_is_accepted(admin_client):
    response = upload_document(admin_client, "report.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.get().file_extension == "pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", HTML, "is not allowed. Allowed extensions are"),
        ("drawing.svg", SVG, "is not allowed. Allowed extensions are"),
        ("script.js", b"alert(1)", "is not allowed. Allowed extensions are"),
        ("disguised.pdf", HTML, "web page or SVG markup"),
        ("disguised.csv", SVG, "web page or SVG markup"),
    ],
)
def test_markup_and_unlisted_types_are_refused_with_a_message(admin_client, name, content, message):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(admin_client, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert "This file is too big" in form_errors(response)
    assert not Document.objects.exists()


def test_an_svg_image_is_refused(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "logo", "file": SimpleUploadedFile("logo.svg", SVG), "collection": 1},
    )
    assert response.status_code == 200
    assert "Not a supported image format" in form_errors(response)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("notes.txt", b"plain notes", "text/plain"),
        ("data.csv", b"a,b", "text/csv"),
    ],
)
def test_documents_are_served_as_attachments_with_their_type(client, name, content, content_type):
    document = Document.objects.create(title=name, file=ContentFile(content, name=name))
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content


# <script> elements of these types are data, never executed (JSON-LD, the userbar's JSON settings).
DATA_BLOCK_TYPES = ("application/ld+json", "application/json")


def executable_code(html):
    soup = BeautifulSoup(html, "html.parser")
    found = [str(s)[:60] for s in soup.find_all("script") if not s.get("src") and s.get("type") not in DATA_BLOCK_TYPES]
    found += [f"{tag.name} {a}" for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
    found += [
        tag["href"] for tag in soup.find_all("a", href=True) if tag["href"].strip().lower().startswith("javascript:")
    ]
    return found


PAPER = {
    "title": "Hostile paper",
    "slug": "hostile",
    "publication_date": "2024-02-01",
    "abstract": "<script>alert(0)</script>",
    "document_type": "toolkit",
    "language": "en",
    "licence": "cc-by-4.0",
    "authors": inline_formset([]),
    "attachments": inline_formset([]),
    "countries": ["GH"],
}
TABLE = {
    "data": [["<script>alert(3)</script>", '<img src=x onerror="alert(4)">']],
    "table_header_choice": "neither",
    "first_row_is_table_header": False,
}


def add_paper(client, library, body):
    url = f"/admin/pages/add/resources/paperpage/{library.pk}/"
    return client.post(url, nested_form_data({"action-publish": "publish", **PAPER, "body": streamfield(body)}))


def test_script_typed_by_an_editor_never_runs_on_the_page(admin_client, tree):
    body = [
        ("paragraph", rich_text('<p>Intro<script>alert(1)</script><a href="javascript:alert(2)">click</a></p>')),
        ("table", json.dumps(TABLE)),
        ("heading", {"text": "<script>alert(6)</script>", "level": "h2"}),
    ]
    response = add_paper(admin_client, tree["library"], body)
    assert response.status_code == 302, form_errors(response)
    html = admin_client.get("/en/papers/hostile/").content.decode()
    assert "Intro" in html
    assert executable_code(html) == []
    assert "&lt;script&gt;alert(3)" in html  # the table shows the text, escaped
    assert "&lt;script&gt;alert(6)" in html


@pytest.mark.parametrize(
    "block", [("external_image", {"url": "javascript:alert(7)", "alt": "x"}), ("embed", "javascript:alert(5)")]
)
def test_a_javascript_url_in_a_block_is_refused(admin_client, tree, block):
    response = add_paper(admin_client, tree["library"], [block])
    assert response.status_code == 200
    assert not PaperPage.objects.filter(slug="hostile").exists()


def test_stored_blocks_render_no_script_even_without_the_admin_checks(client, tree):
    """Data written around the admin (imports, scripts): the block templates still escape."""
    paper = tree["paper"]
    paper.body = [
        ("table", TABLE),
        ("embed", "javascript:alert(5)"),
        ("heading", {"text": "<script>alert(6)</script>", "level": "h2"}),
        ("quote", {"text": "<script>alert(8)</script>", "attribution": "<b onclick=x>"}),
        ("external_image", {"url": "javascript:alert(7)", "alt": "x"}),
    ]
    paper.save_revision().publish()
    assert executable_code(client.get(paper.url).content.decode()) == []
