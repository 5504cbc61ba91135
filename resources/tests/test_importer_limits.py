"""The importer cannot be stalled: parsing is linear in the file's size, each file has a time limit,
and the admin upload takes as many files as it says (issue 24)."""

import time

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from members.roles import MODERATORS, ensure_roles
from resources.factories import PaperIndexPageFactory
from resources.importer import PaperImporter, body, parse
from resources.models import PaperPage
from resources.tests.test_importer import SECTIONED, URL

pytestmark = pytest.mark.django_db

# Each of these took seconds per 16 KB and grew with the square of the size.
ADVERSARIAL = {
    "image openers": "![",
    "brackets": "[",
    "nested links": "[a",
    "html images": "<img ",
    "image targets": "![a](",
}


@pytest.fixture
def library(home):
    return PaperIndexPageFactory(parent=home)


@pytest.mark.parametrize("pattern", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_an_adversarial_answer_of_256_kb_is_parsed_in_bounded_time(pattern):
    text = pattern * (256 * 1024 // len(pattern))
    started = time.monotonic()
    body.answer_blocks(text, [], 1)
    # Quadratic parsing needed about 9 s for 16 KB, so some 40 minutes for this.
    assert time.monotonic() - started < 20


def test_markdown_links_and_images_still_work_after_bounding_brackets():
    blocks = body.answer_blocks(
        "See [the guide](https://example.org/guide) and [[nested]].\n\n![A dryer](https://example.org/d.jpg)", [], 1
    )
    assert blocks[0]["value"] == '<p>See <a href="https://example.org/guide">the guide</a> and [[nested]].</p>'
    assert blocks[1] == {"type": "external_image", "value": {"url": "https://example.org/d.jpg", "alt": "A dryer"}}


def test_a_file_that_takes_too_long_fails_alone_and_saves_nothing(library, monkeypatch):
    monkeypatch.setattr(body, "PARSE_SECONDS", -1)
    report = PaperImporter(library).run([("slow.md", SECTIONED.encode())])
    (result,) = report.results
    assert result.failed
    assert "took too long" in " ".join(result.errors)
    assert not PaperPage.objects.exists()


def moderator(django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def test_a_moderator_may_import_papers(client, django_user_model, library):
    client.force_login(moderator(django_user_model))
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"files": [SimpleUploadedFile("water.md", SECTIONED.encode())], "parent": library.pk})
    assert response.status_code in (200, 302)
    assert PaperPage.objects.filter(title="Village water committees").exists()


def test_the_upload_takes_as_many_files_as_the_form_says_and_refuses_more_with_a_message(client, admin_user, library):
    from resources.admin_views import MAX_FILES

    client.force_login(admin_user)
    assert f"up to {MAX_FILES} " in client.get(URL).content.decode().lower()
    files = [SimpleUploadedFile(f"plan-{n}.md", b"# Plan\n") for n in range(MAX_FILES)]
    response = client.post(URL, {"files": files, "dry_run": "on"})
    assert response.status_code in (200, 302)
    files = [SimpleUploadedFile(f"plan-{n}.md", b"# Plan\n") for n in range(MAX_FILES + 1)]
    response = client.post(URL, {"files": files, "dry_run": "on"})
    assert response.status_code == 400
    assert f"At most {MAX_FILES} files at a time" in response.content.decode()


@pytest.mark.parametrize(
    "line",
    ["# Title" + " " * 100_000 + "x", "## Section" + " " * 100_000 + "x", "<div" * 100_000],
    ids=["title-then-spaces", "section-then-spaces", "unclosed-wrappers"],
)
def test_a_heading_with_a_long_run_of_spaces_or_unclosed_wrappers_is_read_in_linear_time(line):
    """The heading pattern backtracked in cubic time (2,000 spaces: 48 s), the wrapper one in quadratic time."""
    started = time.monotonic()
    parse(f"# Plan\n\n{line}\n\nAn answer.\n".encode())
    assert time.monotonic() - started < 20
