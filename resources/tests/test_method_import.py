"""Importing open methods archives as catalogue method pages: `import_methods` (issue 26)."""

import base64
import io
import time

from django.core.management import CommandError, call_command

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, WorkflowState

import pytest
from PIL import Image as PILImage

from hub.base.factories import MethodFactory
from hub.base.models import Method
from hub.catalogue.factories import MethodIndexPageFactory, MethodPageFactory
from hub.catalogue.models import MethodPage
from resources.importer import MethodImporter

pytestmark = pytest.mark.django_db


def png(colour=(200, 30, 30), size=(4, 4), kind="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


def data_uri(data, mime="image/png"):
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def method_file(title="Village transect walk", *, types=("methods",), image=None, extra="", related="", overview=None):
    lines = [f"[[type:{t}]]" for t in types] + ["", f"# {title}", ""]
    if image:
        lines += [f"![]({image})", ""]
    lines += [
        "## Overview",
        overview or "A slow, planned walk across a village with residents who know it.",
        "",
        "## Purpose",
        "To build a shared picture of a place before planning.",
        "",
        "## How it works",
        "* Agree a route with residents.",
        "* Walk it in a small mixed group.",
        "",
        "## Requirements",
        "Half a day, local guides, **paper** and markers.",
        "",
        "## Reflections",
        "Walking together surfaces things a meeting misses.",
        "",
        "## Related methods (if any)",
        related,
        "",
        "## License",
        "Free to use and adapt.",
        "",
        "## Examples",
        "Used by village development committees.",
        extra,
    ]
    return "\n".join(lines).encode()


@pytest.fixture
def catalogue(home):
    return MethodIndexPageFactory(parent=home)


def run(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_methods", *[str(a) for a in args], stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def import_files(catalogue, *files, **options):
    return MethodImporter(catalogue, **options).run(files)


def latest(page):
    return MethodPage.objects.get(pk=page).get_latest_revision_as_object()


def rich_fields(page):
    return "".join(
        getattr(page, name) for name in ("what_it_is", "when_to_use", "steps", "needs", "strengths_limits", "examples")
    )


def test_the_sample_file_becomes_a_method_page_submitted_for_moderation(tmp_path, catalogue, shared_sample):
    path = shared_sample("method-element-transect-walk.md")
    out, _err = run(path)
    assert "created 1, updated 0, unchanged 0, failed 0" in out
    page = MethodPage.objects.get()
    assert page.get_parent().pk == catalogue.pk
    assert page.live is False
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Village transect walk"
    assert draft.source_key == "file:method-element-transect-walk"
    assert sorted(kind.pk for kind in draft.kinds.all()) == ["method", "tool"]
    assert "slow, planned walk" in draft.what_it_is
    assert draft.summary.startswith("A transect walk is a slow, planned walk")
    assert "shared picture of a place" in draft.when_to_use
    assert draft.steps.startswith("<ul>") and "<li>Agree a route" in draft.steps
    assert "Half a day" in draft.needs
    assert "quieter people" in draft.strengths_limits
    assert "ward action plan" in draft.examples
    assert draft.licence_note == "Free to use and adapt."
    assert 'embedtype="image"' in draft.what_it_is
    assert "data:" not in rich_fields(draft)
    image = get_image_model().objects.get()
    assert image.collection.name == "Imported"
    assert image.description == "Village transect walk"
    assert 'alt="Village transect walk"' in draft.what_it_is
    # No related page exists yet: the names stay as text and are listed in the report.
    assert "Community asset mapping" in draft.what_it_is
    assert "related methods not found, kept as text: Community asset mapping" in out
    method = Method.objects.get()
    assert method.name == "Village transect walk" and method.needs_review is True


def test_sections_map_onto_the_page_and_missing_ones_stay_empty(catalogue):
    text = (
        b"[[type:tactics]]\n\n# Listening tour\n\n## Overview\nGo and listen.\n\n## Fieldnotes\nA section of its own.\n"
    )
    (result,) = import_files(catalogue, ("tour.md", text)).results
    assert result.status == "created", result.describe()
    page = latest(result.page_id)
    assert page.what_it_is.startswith("<p>Go and listen.</p><h3>Fieldnotes</h3><p>A section of its own.</p>")
    assert page.when_to_use == page.steps == page.needs == page.strengths_limits == page.examples == ""
    assert page.licence_note == ""
    assert [kind.pk for kind in page.kinds.all()] == ["tactic"]
    assert "section 'Fieldnotes' has no place of its own" in result.describe()


def test_several_types_become_kinds_and_an_unknown_type_is_reported(catalogue):
    text = method_file(types=("Principles", "skills", "tool", "recipes"))
    (result,) = import_files(catalogue, ("walk.md", text)).results
    assert sorted(kind.pk for kind in latest(result.page_id).kinds.all()) == ["principle", "skill", "tool"]
    assert "type 'recipes' is not a method, tool, tactic, principle or skill" in result.describe()


def test_a_file_updates_the_page_of_the_method_it_names_by_a_plural_or_an_alternative_label(catalogue):
    interview = MethodPageFactory(parent=catalogue, method=MethodFactory(name="Key informant interview"))
    walk = MethodPageFactory(
        parent=catalogue, method=MethodFactory(name="Transect walk", alt_labels="Village transect walk")
    )
    report = import_files(
        catalogue,
        ("kii.md", method_file("Key informant interviews")),
        ("walk.md", method_file("Village transect walk")),
    )
    assert report.summary() == "created 0, updated 2, unchanged 0, failed 0"
    assert [r.page_id for r in report.results] == [interview.pk, walk.pk]
    assert MethodPage.objects.count() == 2 and Method.objects.count() == 2
    assert latest(walk.pk).source_key == "file:walk"


def test_related_methods_link_to_the_pages_that_exist_and_the_others_stay_text(catalogue):
    mapping = MethodPageFactory(parent=catalogue, method=MethodFactory(name="Community asset mapping"))
    interview = MethodPageFactory(
        parent=catalogue, method=MethodFactory(name="Key informant interview", alt_labels="KII")
    )
    text = method_file(related="[Community asset mapping](https://example.org/cam), KII; Participatory planning.")
    (result,) = import_files(catalogue, ("walk.md", text)).results
    page = latest(result.page_id)
    assert [item.related_page_id for item in page.related_items.all()] == [mapping.pk, interview.pk]
    assert "Participatory planning" in page.what_it_is
    assert "Community asset mapping" not in page.what_it_is
    assert "related methods not found, kept as text: Participatory planning" in result.describe()


def test_an_embedded_image_is_stored_once_and_shown_from_the_hubs_own_media(client, catalogue):
    image = data_uri(png())
    text = method_file(image=image, extra=f"\n![Route sketch]({image})\n")
    first = import_files(catalogue, ("walk.md", text), publish=True).results[0]
    assert first.status == "created", first.describe()
    Image = get_image_model()
    assert Image.objects.count() == 1
    assert import_files(catalogue, ("walk.md", text)).results[0].status == "unchanged"
    other = import_files(catalogue, ("other.md", method_file("Other walk", image=image))).results[0]
    assert other.status == "created"
    assert Image.objects.count() == 1
    page = MethodPage.objects.get(pk=first.page_id)
    assert 'alt="Route sketch"' in page.examples
    html = client.get(page.url).content.decode()
    assert 'src="/media/images/' in html
    assert "data:image" not in html


@pytest.mark.parametrize(
    "uri, reason",
    [
        (data_uri(b"GIF89a not really a gif", "image/gif"), "damaged or not an image"),
        (data_uri(png(kind="BMP"), "image/bmp"), "BMP images are not accepted"),
        (data_uri(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image/svg+xml"), ""),
        ("data:image/png;base64,@@@not-base64@@@", "damaged"),
        ("data:text/html;base64," + base64.b64encode(b"<script>x</script>").decode(), "not an image"),
        (data_uri(png()[:40]), "damaged"),
        ("javascript:void", "is not a web address"),
    ],
    ids=["not-an-image", "bmp", "svg", "bad-base64", "html", "truncated-png", "javascript"],
)
def test_a_bad_image_is_left_out_with_a_warning_and_the_method_imports(catalogue, uri, reason):
    (result,) = import_files(catalogue, ("walk.md", method_file(image=uri))).results
    assert result.status == "created"
    assert "left out" in result.describe() and reason in result.describe()
    assert get_image_model().objects.count() == 0
    page = latest(result.page_id)
    assert "data:" not in rich_fields(page) and "javascript:" not in rich_fields(page)
    assert "embed" not in page.what_it_is


def test_an_image_over_5_mb_is_left_out(catalogue):
    big = "data:image/png;base64," + "A" * (7 * 1024 * 1024)
    (result,) = import_files(catalogue, ("walk.md", method_file(image=big))).results
    assert result.status == "created" and "larger than 5 MB" in result.describe()


def test_a_remote_image_stays_a_link_and_no_data_uri_is_ever_stored(catalogue):
    text = method_file(
        image="https://example.org/route.jpg",
        extra="\nSee [the sketch](data:image/png;base64,iVBORw0KGgo=) and data:image/png;base64,iVBORw0KGgo= too",
    )
    (result,) = import_files(catalogue, ("walk.md", text)).results
    page = latest(result.page_id)
    assert '<a href="https://example.org/route.jpg">Village transect walk</a>' in page.what_it_is
    assert "data:" not in rich_fields(page)


def test_a_2_mb_file_imports_in_seconds(catalogue):
    noise = PILImage.effect_noise((900, 900), 80).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    image = data_uri(buffer.getvalue())
    prose = "\n\n".join(
        f"Step {n}: walk, look, listen and note *what* people [say](https://example.org)." for n in range(3000)
    )
    text = method_file(image=image, extra=prose)
    assert len(text) > 2 * 1000 * 1000
    started = time.monotonic()
    (result,) = import_files(catalogue, ("big.md", text)).results
    assert result.status == "created", result.describe()
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("pattern", ["[", "(", "*", "![", "<img "])
def test_a_file_full_of_brackets_or_stars_does_not_slow_the_parser(catalogue, pattern):
    text = method_file(overview=pattern * 100_000, extra=pattern * 100_000)
    started = time.monotonic()
    (result,) = import_files(catalogue, ("odd.md", text)).results
    assert result.status == "created", result.describe()
    # Quadratic parsing needs hours for this (9 s per 16 KB); linear parsing, seconds.
    assert time.monotonic() - started < 60


def test_headings_with_long_runs_of_spaces_are_read_in_linear_time(catalogue):
    spaces = " " * 100_000
    text = f"# Walk{spaces}x\n\n## Overview{spaces}y\nText.\n".encode()
    started = time.monotonic()
    (result,) = import_files(catalogue, ("spaces.md", text)).results
    assert result.status == "created", result.describe()
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(
    "data, reason",
    [
        ("# Marche exploratoire\n\nCafé".encode("latin-1"), "not UTF-8 text"),
        (png(), "binary file"),
        (b"## Overview\nNo title here.\n", "no title"),
    ],
    ids=["latin-1", "binary", "untitled"],
)
def test_a_bad_file_fails_alone_with_a_clear_message_and_saves_nothing(tmp_path, catalogue, data, reason):
    (tmp_path / "bad.md").write_bytes(data)
    (tmp_path / "good.md").write_bytes(method_file())
    with pytest.raises(CommandError, match=reason):
        run(tmp_path)
    assert MethodPage.objects.get().title == "Village transect walk"
    assert Method.objects.count() == 1


def test_re_import_of_an_unchanged_file_is_unchanged_and_a_changed_one_gets_a_new_revision(tmp_path, catalogue):
    path = tmp_path / "walk.md"
    path.write_bytes(method_file(image=data_uri(png())))
    run(path)
    page = MethodPage.objects.get()
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    out, _err = run(path)
    assert "created 0, updated 0, unchanged 1, failed 0" in out
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions
    path.write_bytes(method_file(image=data_uri(png()), overview="A walk, now described differently."))
    out, _err = run(path)
    assert "created 0, updated 1, unchanged 0, failed 0" in out
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 1
    page.refresh_from_db()
    assert "described differently" in page.get_latest_revision_as_object().what_it_is
    assert get_image_model().objects.count() == 1


def test_a_dry_run_writes_nothing(tmp_path, catalogue):
    (tmp_path / "walk.md").write_bytes(method_file(image=data_uri(png())))

    def counts():
        return [model.objects.count() for model in (Page, Revision, Method, WorkflowState, get_image_model())]

    before = counts()
    out, _err = run(tmp_path, "--dry-run")
    assert "created 1" in out and "dry run: nothing was saved" in out
    assert counts() == before


def test_publish_publishes_and_records_the_source(tmp_path, client, catalogue):
    (tmp_path / "walk.md").write_bytes(method_file())
    out, _err = run(tmp_path / "walk.md", "--publish", "--source-url", "https://github.com/example/methods/blob/main/")
    assert "published" in out
    page = MethodPage.objects.get()
    assert page.live is True and page.current_workflow_state is None
    assert page.source_url == "https://github.com/example/methods/blob/main/walk.md"
    assert client.get(page.url).status_code == 200


def test_without_a_methods_catalogue_the_command_says_what_to_do(tmp_path, home):
    (tmp_path / "walk.md").write_bytes(method_file())
    with pytest.raises(CommandError, match="no methods catalogue in locale 'en'"):
        run(tmp_path)


def test_locale_fr_puts_the_page_in_the_french_catalogue(tmp_path, catalogue):
    french = Locale.objects.get(language_code="fr")
    french_catalogue = catalogue.copy_for_translation(french, copy_parents=True)
    (tmp_path / "walk.md").write_bytes(method_file())
    out, _err = run(tmp_path / "walk.md", "--locale", "fr")
    assert "created 1" in out
    page = MethodPage.objects.get()
    assert page.locale == french
    assert page.get_parent().pk == french_catalogue.pk
    assert not catalogue.get_children().exists()


def test_an_unknown_locale_code_is_refused_with_the_known_ones(tmp_path, catalogue):
    (tmp_path / "walk.md").write_bytes(method_file())
    with pytest.raises(CommandError, match=r"^no locale 'xx' \(known: [a-z, -]*\ben\b[a-z, -]*\bfr\b"):
        run(tmp_path / "walk.md", "--locale", "xx")
    assert not MethodPage.objects.exists()


METHODS_URL = "/admin/import-methods/"


def test_a_moderator_imports_methods_from_the_admin_beside_import_papers(client, django_user_model, catalogue):
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile

    from members.roles import MODERATORS, ensure_roles
    from resources.models import ImportJob

    ensure_roles()
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(user)
    from resources.wagtail_hooks import register_import_methods_menu_item

    assert register_import_methods_menu_item().is_shown(type("Request", (), {"user": user})) is True
    assert client.get(METHODS_URL).status_code == 200
    files = [
        SimpleUploadedFile("walk.md", method_file(image=data_uri(png()))),
        SimpleUploadedFile("bad.md", "# Marche\n\nCafé".encode("latin-1")),
    ]
    response = client.post(METHODS_URL, {"files": files, "parent": catalogue.pk}, follow=True)
    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.kind == "methods" and job.state == "done"
    html = response.content.decode()
    assert "created 1, updated 0, unchanged 0, failed 1" in html
    assert "not UTF-8 text" in html
    assert "Import more methods" in html
    page = MethodPage.objects.get()
    assert page.get_latest_revision().user_id == user.pk
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_methods_upload_refuses_a_file_that_is_not_markdown_with_a_400(client, admin_user, catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    response = client.post(METHODS_URL, {"files": [SimpleUploadedFile("walk.png", png())]})
    assert response.status_code == 400
    assert "is not a .md, .markdown or .txt file" in response.content.decode()
    assert not MethodPage.objects.exists()


def test_a_user_who_may_not_add_methods_cannot_open_the_methods_import(client, django_user_model, catalogue):
    client.force_login(django_user_model.objects.create_user("reader", "r@example.org", "pw", is_staff=True))
    assert client.get(METHODS_URL).status_code in (302, 403)


def test_moderators_see_where_an_imported_method_came_from_in_the_editor(client, admin_user, catalogue):
    written_here = MethodPageFactory(parent=catalogue)
    text = method_file() + b"\n[[url:https://github.com/example/methods/blob/main/walk.md]]\n"
    (result,) = import_files(catalogue, ("walk.md", text)).results
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{result.page_id}/edit/").content.decode()
    assert 'Imported from <a href="https://github.com/example/methods/blob/main/walk.md"' in html
    assert "Imported from" not in client.get(f"/admin/pages/{written_here.pk}/edit/").content.decode()


def test_an_import_as_a_user_who_may_not_add_methods_fails_and_writes_nothing(django_user_model, catalogue):
    user = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    (result,) = import_files(catalogue, ("walk.md", method_file(image=data_uri(png()))), user=user).results
    assert result.failed and "you may not add methods to 'Methods'" in result.describe()
    assert not MethodPage.objects.exists() and not Method.objects.exists()
    assert not get_image_model().objects.exists()
