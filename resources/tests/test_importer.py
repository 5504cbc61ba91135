"""Importing Markdown records (action learning plans, solutions...) as papers: `import_papers` and the admin view."""

import datetime
import io
import re
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from wagtail.models import GroupPagePermission, Page, Revision, WorkflowPage, WorkflowState

import pytest

from hub.base.factories import DataSourceFactory, MethodFactory, ThemeFactory
from hub.base.models import DataSource, Method, Theme
from hub.base.testing import refresh_search_engine
from members.factories import MemberIndexPageFactory, MemberPageFactory
from resources.factories import PaperIndexPageFactory
from resources.importer import parse
from resources.models import PaperPage

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "learning-plan-kyrgyzstan-2021.md"
FOCAL_POINT = "urmat.takirov@undp.org"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")

SAMPLE_METHODS = {
    "System Thinking",
    "Solutions Mapping",
    "Proof of concept",
    "Positive Deviance",
    "Participatory Design",
    "Future Analysis",
    "Ethnography",
    "Crowdsourcing",
    "Collective Intelligence",
    "Co-creation",
    "Behavioral Insights",
    "(Community) Asset Mapping",
}

SOLUTION = """\
# Solar dryers &amp; fruit co-operatives

[[type:Solutions]]
[[year:2019.]]
[[country:kenya,]]
[[country:Ivory Coast]]
[[country:Kenya]]
[[sdgs:SDG 2 - Zero hunger]]
[[sdgs:2. zero hunger]]
[[methods:asset mapping.]]
[[thematic_areas:Food Security,]]
[[datasources:HOUSEHOLD SURVEYS]]
[[gender:Female]]
[[focal_point:Jane Doe]]
[[latlng: -1.2921, 36.8219 ]]

> What is the solution?

Farmers dry mangoes &amp; bananas with <b>solar</b> dryers. Write to jane.doe@example.org for plans.
<script>alert("x")</script>

> Where can I learn more?

See [the guide](https://example.org/guide) or [a local link](/guide).
![Missing alt text](https://example.org/dryer.jpg)
After the picture.
"""

SECTIONED = """\
# Village water committees

[[year:2022]]
[[type:learningplan]]
[[country:Peru]]
[[id:water-committees-2022]]

## Challenge &amp; context
****

> Challenge statement: What is your challenge?

<div class="group">

> 

Our challenge is that committees lose track of repairs.

</div>

> Background:
Repairs wait for months.
- Sense
- Explore
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def run(*args):
    """(stdout, stderr) of import_papers."""
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_papers", *[str(a) for a in args], stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def library(home):
    return PaperIndexPageFactory(parent=home)


@pytest.fixture
def sample():
    if not SAMPLE.exists():
        pytest.skip(f"the shared sample is not at {SAMPLE}")
    return SAMPLE


def imported(title):
    page = PaperPage.objects.get(title=title)
    return page.get_latest_revision_as_object()


def block_values(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]


# --- The shared sample ------------------------------------------------------------------------


def test_the_sample_learning_plan_imports_with_its_metadata(library, sample):
    crowdsourcing = MethodFactory(name="Crowdsourcing", slug="crowdsourcing")
    civic = ThemeFactory(name="Civic Participation", slug="civic")
    out, _err = run(sample)

    page = imported("Citizen-empowered community development")
    assert "[1/1]" in out and "created 1, updated 0, unchanged 0, failed 0" in out
    assert page.get_parent().specific == library
    assert page.document_type == "learning-plan"
    assert page.publication_date == datetime.date(2021, 1, 1)
    assert [country.code for country in page.countries] == ["KG"]
    assert page.latitude == pytest.approx(41.4619, abs=1e-4)
    assert page.longitude == pytest.approx(74.5417, abs=1e-4)
    assert {sdg.number for sdg in page.sdgs.all()} == {8, 11, 16}
    assert {method.name for method in page.methods.all()} == SAMPLE_METHODS
    assert {theme.name for theme in page.themes.all()} == {
        "Civic Participation",
        "Community empowerment",
        "Crowdsourcing",
    }
    assert {source.name for source in page.data_sources.all()} == {
        "Ethnographic data",
        "Socioeconomic data",
        "User journeys",
    }
    assert page.abstract.startswith("There is a growing relevance gap between the community development agenda")
    assert page.private_metadata["focal_point"] == [FOCAL_POINT]
    assert page.private_metadata["source_file"] == "learning-plan-kyrgyzstan-2021.md"
    assert page.private_metadata["source_key"].startswith("sha256:")

    # Existing records are reused, case-insensitively; new ones wait for a moderator.
    assert Method.objects.filter(name__iexact="crowdsourcing").get() == crowdsourcing
    assert Theme.objects.filter(slug__in=["civic", "civic-participation"]).get() == civic
    asset_mapping = Method.objects.get(name="(Community) Asset Mapping")
    assert asset_mapping.slug == "community-asset-mapping"
    assert asset_mapping.needs_review is True
    assert crowdsourcing.needs_review is False
    assert set(Theme.objects.filter(needs_review=True).values_list("name", flat=True)) == {
        "Community empowerment",
        "Crowdsourcing",
    }
    assert DataSource.objects.filter(needs_review=True).count() == 3


def test_the_sample_body_has_sections_prompts_answers_and_external_images(library, sample):
    run(sample)
    page = imported("Citizen-empowered community development")
    headings = block_values(page, "heading")
    sections = [h["text"] for h in headings if h["level"] == "h2"]
    assert sections[:2] == ["Challenge statement", "Partners"]
    assert "Title" not in sections  # the form's own title question only repeats the title
    assert "Challenge classification" not in sections  # no answers
    prompts = [h["text"] for h in headings if h["level"] == "h3"]
    assert prompts[:3] == ["Challenge type", "Challenge statement", "Background"]
    assert "To what stage(s) in the learning cycle does your learning question relate?" in prompts
    paragraphs = "".join(str(value.source) for value in block_values(page, "paragraph"))
    assert "<div" not in paragraphs and "<img" not in paragraphs and "<blockquote" not in paragraphs
    assert "Sense-making (130 participants) &amp; Hackathon" in paragraphs
    assert '<a href="https://economist.kg/2019/03/26/' in paragraphs
    assert "<ol>\n<li>Understanding citizens' needs" in paragraphs
    (image,) = block_values(page, "external_image")
    assert image["url"].endswith("/learningplans/f48551a5169ad63250f7b1721533ea15.png")
    assert image["alt"] == ""  # "Missing alt text" is the export's placeholder


def test_a_published_import_is_found_by_its_answer_text(client, library, sample):
    run(sample, "--publish")
    refresh_search_engine()
    page = PaperPage.objects.get(title="Citizen-empowered community development")
    assert page.live is True
    results = client.get("/en/search/api/", {"q": "Tadamon Crowdfunding Academy"}).json()["results"]
    assert [result["title"] for result in results] == ["Citizen-empowered community development"]
    assert results[0]["url"] == page.url


def test_the_focal_point_appears_in_no_rendered_page(client, library, sample):
    run(sample, "--publish")
    refresh_search_engine()
    page = PaperPage.objects.get(title="Citizen-empowered community development")
    responses = {
        "page": client.get(page.url),
        "api detail": client.get(f"/api/v2/pages/{page.pk}/"),
        "api listing": client.get("/api/v2/pages/", {"type": "resources.PaperPage", "fields": "*"}),
        "search": client.get("/en/search/api/", {"q": "crowdfunding"}),
        "search page": client.get("/en/search/", {"q": "crowdfunding"}),
        "feed": client.get("/en/feeds/papers.rss"),
        "citation": client.get(page.url + "cite.json"),
    }
    for name, response in responses.items():
        assert response.status_code == 200, name
        content = response.content.decode()
        assert "Citizen-empowered" in content, name
        assert FOCAL_POINT not in content and "takirov" not in content.lower(), name


def test_private_metadata_is_in_no_template_and_no_api_field():
    assert "private_metadata" not in {field.name for field in PaperPage.api_fields}
    templates = Path(__file__).resolve().parents[2] / "templates"
    assert not [str(p) for p in templates.rglob("*.html") if "private_metadata" in p.read_text()]


# --- Other shapes of record -----------------------------------------------------------------


def test_a_solution_without_sections_with_messy_values_and_unknown_keys(tmp_path, library):
    MethodFactory(name="Asset mapping", slug="asset-mapping")
    DataSourceFactory(name="Household surveys", slug="household-surveys")
    out, _err = run(write(tmp_path, "solar.md", SOLUTION))
    assert "created 1" in out

    page = imported("Solar dryers & fruit co-operatives")
    assert page.document_type == "solution"
    assert page.publication_date == datetime.date(2019, 1, 1)
    assert [country.code for country in page.countries] == ["CI", "KE"]  # stored sorted
    assert (page.latitude, page.longitude) == (-1.2921, 36.8219)
    assert [sdg.number for sdg in page.sdgs.all()] == [2]
    assert [method.name for method in page.methods.all()] == ["Asset mapping"]
    assert [source.slug for source in page.data_sources.all()] == ["household-surveys"]
    (theme,) = page.themes.all()
    assert (theme.name, theme.slug, theme.needs_review) == ("Food Security", "food-security", True)
    assert page.private_metadata["gender"] == ["Female"]
    assert page.private_metadata["focal_point"] == ["Jane Doe"]

    headings = block_values(page, "heading")
    assert headings == [
        {"text": "What is the solution?", "level": "h3"},
        {"text": "Where can I learn more?", "level": "h3"},
    ]
    paragraphs = [str(value.source) for value in block_values(page, "paragraph")]
    assert paragraphs[0].startswith("<p>Farmers dry mangoes &amp; bananas with <b>solar</b> dryers.")
    assert "[e-mail removed]" in paragraphs[0] and "jane.doe" not in paragraphs[0]
    assert "script" not in paragraphs[0] and "alert" not in paragraphs[0]
    assert '<a href="https://example.org/guide">the guide</a>' in paragraphs[1]
    assert " or a local link." in paragraphs[1]  # only web addresses stay links
    assert paragraphs[2] == "<p>After the picture.</p>"
    assert block_values(page, "external_image") == [{"url": "https://example.org/dryer.jpg", "alt": ""}]
    assert "jane.doe" not in page.abstract


def test_sections_with_rules_entities_and_an_explicit_id(tmp_path, library):
    run(write(tmp_path, "water.md", SECTIONED))
    page = imported("Village water committees")
    assert page.private_metadata["source_key"] == "id:water-committees-2022"
    assert page.abstract == "Our challenge is that committees lose track of repairs."
    assert [(h["text"], h["level"]) for h in block_values(page, "heading")] == [
        ("Challenge & context", "h2"),
        ("Challenge statement", "h3"),
        ("Background", "h3"),
    ]
    background = str(block_values(page, "paragraph")[1].source)
    assert background == "<p>Repairs wait for months.</p>\n<ul>\n<li>Sense</li>\n<li>Explore</li>\n</ul>"


def test_a_misspelt_country_is_read_with_a_warning(tmp_path, library):
    text = SECTIONED.replace("[[country:Peru]]", "[[country:Kyrgystan]]")
    out, _err = run(write(tmp_path, "typo.md", text))
    assert "country 'Kyrgystan' read as Kyrgyzstan (KG)" in out
    assert [c.code for c in imported("Village water committees").countries] == ["KG"]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (SECTIONED.replace("[[year:2022]]", "[[year:20x2]]"), 3, "year '20x2' is not a year"),
        (SECTIONED.replace("[[year:2022]]", "[[year:1066]]"), 3, "not a plausible publication year"),
        (SECTIONED.replace("[[year:2022]]\n", ""), None, "no [[year:...]] line"),
        (SECTIONED.replace("[[country:Peru]]", "[[country:Atlantis]]"), 5, "country 'Atlantis' is not a known"),
        (SECTIONED + "[[latlng:95.1,20]]\n", 25, "latitude 95.1 is outside -90..90"),
        (SECTIONED + "[[latlng:45,-181]]\n", 25, "longitude -181.0 is outside -180..180"),
        (SECTIONED + "[[latlng:north]]\n", 25, "is not 'latitude,longitude'"),
        (SECTIONED + "[[sdgs:18. Space]]\n", 25, "SDG 18 does not exist"),
        (SECTIONED.replace("# Village water committees\n", ""), 1, "no title"),
        ("# \n\n[[year:2022]]\n", 1, "no title"),
        ("", None, "empty file"),
        (b"# Title\n\x00\x01\x02binary", 2, "binary file"),
        ("# Café\n\n[[year:2022]]\n".encode("latin-1"), 1, "not UTF-8"),
    ],
)
def test_a_broken_file_fails_with_its_line_and_reason(tmp_path, library, text, line, reason):
    path = write(tmp_path, "broken.md", text)
    with pytest.raises(CommandError) as error:
        run(path)
    message = str(error.value)
    assert str(path) in message and reason in message
    if line:
        assert f"line {line}:" in message
    assert not PaperPage.objects.exists()


def test_a_broken_file_fails_alone_and_the_others_import(tmp_path, library):
    good = write(tmp_path, "a-good.md", SECTIONED)
    broken = write(
        tmp_path, "b-broken.md", SECTIONED.replace("[[year:2022]]", "[[year:twenty]]").replace("Village", "X")
    )
    solution = write(tmp_path, "c-solution.md", SOLUTION.replace("[[thematic_areas:Food Security,]]\n", ""))
    theme_count = Theme.objects.count()
    with pytest.raises(CommandError, match=r"1 of 3 file\(s\) failed: .*b-broken\.md: line 3: year 'twenty'"):
        run(good, broken, solution)
    assert set(PaperPage.objects.values_list("title", flat=True)) == {
        "Village water committees",
        "Solar dryers & fruit co-operatives",
    }
    assert Theme.objects.count() == theme_count


def test_records_in_a_folder_are_imported_with_progress(tmp_path, library):
    write(tmp_path, "one.md", SECTIONED)
    write(tmp_path, "two.markdown", SOLUTION)
    write(tmp_path, "notes.pdf", b"%PDF")
    out, _err = run(tmp_path)
    assert re.search(r"\[1/2\] .*one\.md: created", out) and re.search(r"\[2/2\] .*two\.markdown: created", out)
    assert "created 2, updated 0, unchanged 0, failed 0" in out


# --- Re-import, dry run, moderation --------------------------------------------------------------


def test_importing_again_changes_nothing(tmp_path, library, sample):
    run(sample, write(tmp_path, "water.md", SECTIONED))
    revisions = Revision.objects.count()
    pages = Page.objects.count()
    terms = (Method.objects.count(), Theme.objects.count(), DataSource.objects.count())
    out, _err = run(sample, tmp_path / "water.md")
    assert "created 0, updated 0, unchanged 2, failed 0" in out
    assert Revision.objects.count() == revisions
    assert Page.objects.count() == pages
    assert (Method.objects.count(), Theme.objects.count(), DataSource.objects.count()) == terms


def test_an_edited_record_updates_its_paper_with_a_new_revision(tmp_path, library):
    path = write(tmp_path, "water.md", SECTIONED)
    run(path)
    page = PaperPage.objects.get()
    revisions = page.revisions.count()
    write(tmp_path, "water.md", SECTIONED + "\n> Partners:\n\nThe district water office.\n")
    out, _err = run(path)
    assert "updated 1" in out
    assert PaperPage.objects.get().pk == page.pk
    assert page.revisions.count() == revisions + 1
    assert "The district water office." in str(PaperPage.objects.get().get_latest_revision_as_object().body.raw_data)


def test_the_same_record_without_an_id_is_matched_on_title_type_country_and_year(tmp_path, library):
    text = SECTIONED.replace("[[id:water-committees-2022]]\n", "")
    run(write(tmp_path, "first.md", text))
    out, _err = run(write(tmp_path, "renamed.md", text.replace("[[country:Peru]]", "[[country:peru.]]")))
    assert "unchanged 1" in out
    assert PaperPage.objects.count() == 1


def test_a_dry_run_writes_nothing(tmp_path, library, sample, mailoutbox):
    def counts():
        return [model.objects.count() for model in (Page, Revision, Method, Theme, DataSource, WorkflowState)]

    before = counts()
    out, _err = run(sample, write(tmp_path, "water.md", SECTIONED), "--dry-run")
    assert "would be submitted to" in out
    assert "created 2, updated 0, unchanged 0, failed 0 (dry run: nothing was saved)" in out
    assert counts() == before
    assert mailoutbox == []


def test_a_dry_run_still_reports_broken_files(tmp_path, library):
    with pytest.raises(CommandError, match="year 'soon'"):
        run(write(tmp_path, "x.md", SECTIONED.replace("2022", "soon")), "--dry-run")


def test_imports_are_drafts_submitted_to_the_moderation_workflow(tmp_path, library):
    assert library.get_workflow() is not None  # Wagtail's default "Moderators approval"
    out, _err = run(write(tmp_path, "water.md", SECTIONED))
    page = PaperPage.objects.get()
    assert page.live is False
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "submitted to" in out


def test_without_a_workflow_imports_stay_drafts(tmp_path, library):
    WorkflowPage.objects.all().delete()
    out, _err = run(write(tmp_path, "water.md", SECTIONED))
    page = PaperPage.objects.get()
    assert page.live is False and page.current_workflow_state is None
    assert "draft (no workflow)" in out


def test_publishing_an_unchanged_draft_publishes_it_without_a_new_revision(tmp_path, library):
    path = write(tmp_path, "water.md", SECTIONED)
    run(path)
    revisions = Revision.objects.count()
    out, _err = run(path, "--publish")
    page = PaperPage.objects.get()
    assert "unchanged 1" in out and page.live is True
    assert page.current_workflow_state is None
    assert Revision.objects.count() == revisions


# --- Parent and locale ------------------------------------------------------------------------


def test_the_parent_can_be_given_by_id_or_url_path(tmp_path, library):
    members = MemberIndexPageFactory(parent=library.get_parent())
    other = MemberPageFactory(parent=members, title="Village Voices Network")
    run(write(tmp_path, "a.md", SECTIONED), "--parent", other.pk)
    run(write(tmp_path, "b.md", SOLUTION), "--parent", library.url)
    assert PaperPage.objects.get(title="Village water committees").get_parent().pk == other.pk
    assert PaperPage.objects.get(title__startswith="Solar").get_parent().pk == library.pk


@pytest.mark.parametrize(
    ("parent", "message"), [("999999", "no page '999999'"), ("/nowhere/", "no page"), ("home", "cannot hold papers")]
)
def test_a_wrong_parent_is_a_clear_error(tmp_path, library, parent, message):
    if parent == "home":
        parent = str(library.get_parent().pk)
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, "a.md", SECTIONED), "--parent", parent)


def test_an_unknown_locale_or_a_locale_without_a_library_is_an_error(tmp_path, library):
    path = write(tmp_path, "a.md", SECTIONED)
    with pytest.raises(CommandError, match="no locale 'xx'"):
        run(path, "--locale", "xx")
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="fr")
    with pytest.raises(CommandError, match="no paper library in locale 'fr'"):
        run(path, "--locale", "fr")


def test_parser_keeps_line_numbers_of_prompts_and_metadata():
    record = parse(SECTIONED)
    assert record.title_line == 1
    assert [(v.text, v.line) for v in record.values("country")] == [("Peru", 5)]
    (section,) = record.sections
    assert [(item.prompt, item.line) for item in section.items] == [
        ("Challenge statement: What is your challenge?", 11),
        ("Background:", 21),
    ]


# --- Admin upload ------------------------------------------------------------------------------

URL = "/admin/import-papers/"


def upload(name, text):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type="text/markdown")


def test_a_superuser_uploads_records_and_sees_the_report(client, admin_user, library):
    client.force_login(admin_user)
    assert "Import papers" in client.get("/admin/").content.decode()
    page = client.get(URL)
    assert page.status_code == 200 and 'type="file"' in page.content.decode()

    files = [upload("water.md", SECTIONED), upload("broken.md", SECTIONED.replace("2022", "soon"))]
    response = client.post(URL, {"files": files}, follow=True)
    content = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith("/admin/import-papers/jobs/")
    assert "water.md" in content and "Village water committees" in content
    assert "broken.md" in content and "line 3: year &#x27;soon&#x27; is not a year" in content
    assert "created 1, updated 0, unchanged 0, failed 1" in content
    paper = PaperPage.objects.get()
    assert paper.owner == admin_user
    assert paper.current_workflow_state.requested_by == admin_user


def test_an_admin_dry_run_saves_nothing(client, admin_user, library):
    client.force_login(admin_user)
    response = client.post(URL, {"files": [upload("water.md", SECTIONED)], "dry_run": "on"}, follow=True)
    assert response.status_code == 200
    assert "(dry run: nothing was saved)" in response.content.decode()
    assert not PaperPage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"%PDF-1.7", "notes.pdf is not a .md, .markdown or .txt file"),
        ("huge.md", b"# Big\n" + b"x" * (1024 * 1024), "huge.md is larger than 1.0"),
    ],
)
def test_a_bad_upload_is_refused_with_a_message(client, admin_user, library, name, content, message):
    client.force_login(admin_user)
    response = client.post(URL, {"files": [upload(name, content)]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PaperPage.objects.exists()


def test_an_upload_without_files_is_refused(client, admin_user, library):
    client.force_login(admin_user)
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_the_import_needs_a_csrf_token(admin_user, library):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(URL, {"files": [upload("water.md", SECTIONED)]}).status_code == 403
    assert not PaperPage.objects.exists()


def test_an_editor_without_permission_to_add_papers_is_refused(client, django_user_model, library):
    editor = django_user_model.objects.create_user("editor", password="x")
    editors = Group.objects.create(name="Admin users")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert "Import papers" not in client.get("/admin/").content.decode()
    # Wagtail answers PermissionDenied in the admin with a redirect to the dashboard and a message.
    for response in (client.get(URL), client.post(URL, {"files": [upload("water.md", SECTIONED)]})):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "you do not have permission" in client.get("/admin/").content.decode()
    assert not PaperPage.objects.exists()


def test_a_paper_editor_imports_drafts_but_publishes_only_with_publish_permission(client, django_user_model, library):
    editor = django_user_model.objects.create_user("paper-editor", password="x")
    editors = Group.objects.create(name="Paper editors")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_paperpage")
    )
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.create(group=editors, page=library, permission=add_page)
    editor.groups.add(editors)
    client.force_login(editor)
    assert "Import papers" in client.get("/admin/").content.decode()

    refused = client.post(URL, {"files": [upload("water.md", SECTIONED)], "publish": "on"})
    assert refused.status_code == 400
    assert "You cannot publish papers in Library." in refused.content.decode()
    assert not PaperPage.objects.exists()

    assert client.post(URL, {"files": [upload("water.md", SECTIONED)]}).status_code == 302
    paper = PaperPage.objects.get()
    assert paper.live is False and paper.current_workflow_state.requested_by == editor


def test_a_visitor_is_sent_to_the_login_page(client, library):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- Permissions on re-import ------------------------------------------------------------------

EDITED = SECTIONED + "\n> Partners:\n\nThe district water office.\n"


def editor_with(django_user_model, name, grants):
    """A user whose group holds `grants`: {page: [page permission codenames]}."""
    user = django_user_model.objects.create_user(name, password="x")
    group = Group.objects.create(name=f"{name} group")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_paperpage")
    )
    for page, codenames in grants.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.create(group=group, page=page, permission=permission)
    user.groups.add(group)
    return user


def import_as(user, parent, text, **options):
    from resources.importer import PaperImporter

    return PaperImporter(parent, user=user, **options).run([("water.md", text.encode())]).results[0]


def test_a_re_import_by_a_user_who_may_not_edit_the_paper_fails_and_writes_nothing(client, django_user_model, library):
    """The editor may add papers to the library, but the paper it matches is someone else's."""
    import_as(None, library, SECTIONED)
    paper = PaperPage.objects.get()
    revisions = paper.revisions.count()
    editor = editor_with(django_user_model, "adder", {library: ["add_page"]})

    result = import_as(editor, library, EDITED)
    assert result.failed is True
    assert "may not edit" in " ".join(result.errors)

    client.force_login(editor)
    response = client.post(URL, {"files": [upload("water.md", EDITED)]}, follow=True)
    assert "may not edit" in response.content.decode()
    assert "failed 1" in response.content.decode()
    assert paper.revisions.count() == revisions
    assert "district water office" not in str(PaperPage.objects.get().get_latest_revision_as_object().body.raw_data)


def test_a_re_import_with_publish_needs_publish_permission_where_the_paper_is(django_user_model, home, library):
    """The importing user publishes in the library, but the matched paper is filed under a member."""
    member = MemberPageFactory(parent=MemberIndexPageFactory(parent=home))
    import_as(None, member, SECTIONED)
    paper = PaperPage.objects.get()
    editor = editor_with(
        django_user_model,
        "publisher",
        {library: ["add_page", "change_page", "publish_page"], member: ["add_page", "change_page"]},
    )
    result = import_as(editor, library, EDITED, publish=True)
    assert result.failed is True
    assert "may not publish" in " ".join(result.errors)
    assert PaperPage.objects.get().live is False
    assert paper.revisions.count() == 1

    assert import_as(editor, library, EDITED).status == "updated"  # without --publish it may edit


def test_the_command_imports_as_the_user_given(tmp_path, django_user_model, library):
    run(write(tmp_path, "water.md", SECTIONED))
    editor_with(django_user_model, "adder", {library: ["add_page"]})
    path = write(tmp_path, "water.md", EDITED)
    with pytest.raises(CommandError, match="may not edit"):
        run(path, "--user", "adder")
    with pytest.raises(CommandError, match="no user"):
        run(path, "--user", "nobody")
    out, _err = run(path)  # without --user: the system, as cron or an operator runs it
    assert "updated 1" in out
