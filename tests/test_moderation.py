"""The secretariat's review of member content, chapter leads' direct publishing, and uploads kept per organisation."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from events.models import EventPage
from hub.demo.files import make_logo
from members import roles
from resources.models import PaperPage
from tests.roles_setup import site_fixture  # noqa: F401 - the module-scoped site

pytestmark = pytest.mark.django_db

PAPER = {
    "title": "Village plans, step by step",
    "slug": "village-plans",
    "publication_date": "2024-02-01",
    "abstract": "How villages write plans.",
    "document_type": "toolkit",
    "language": "en",
    "licence": "cc-by-4.0",
    "body": streamfield([("heading", {"text": "Why plans", "level": "h2"})]),
    "authors": inline_formset([]),
    "attachments": inline_formset([]),
}
EVENT = {
    "title": "Municipal planning day",
    "slug": "municipal-planning-day",
    "kind": "workshop",
    "format": "in-person",
    "start": "2030-06-01 09:00",
    "end": "2030-06-01 17:00",
    "time_zone": "America/Lima",
    "summary": "A day with municipal planners.",
    "description": rich_text(""),
    "materials": inline_formset([]),
    "related_papers": inline_formset([]),
}


@pytest.fixture
def site(site_fixture, db):  # noqa: F811
    return site_fixture


def add_page(client, model, parent, data, action):
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
    return client.post(url, nested_form_data({action: action.removeprefix("action-"), **data}))


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    return client.post(url, {"comment": comment})


def test_member_paper_goes_through_secretariat_review_round_trip(client, site):
    editor, moderator, member = site["member_editor"], site["moderator"], site["own_member"]
    data = {**PAPER, "organisations": [member.pk]}

    client.force_login(editor)
    response = add_page(client, PaperPage, member, data, "action-submit")
    assert response.status_code == 302
    paper = PaperPage.objects.get(slug="village-plans")
    assert paper.live is False
    assert paper.current_workflow_task.name == roles.SECRETARIAT_REVIEW
    edit_form = client.get(f"/admin/pages/{paper.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit_form

    client.force_login(moderator)
    comment = "Please name the districts the plans come from."
    assert workflow_action(client, paper, "reject", comment).status_code == 302
    paper.refresh_from_db()
    state = paper.workflow_states.get()
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == comment
    assert paper.live is False

    client.force_login(editor)
    assert comment in client.get(f"/admin/pages/{paper.pk}/edit/").content.decode()
    resubmitted = {**data, "abstract": "How villages in Kisumu and Siaya write plans."}
    response = client.post(
        f"/admin/pages/{paper.pk}/edit/", nested_form_data({"action-submit": "submit", **resubmitted})
    )
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.workflow_states.get().status == state.STATUS_IN_PROGRESS
    assert paper.live is False

    client.force_login(moderator)
    assert workflow_action(client, paper, "approve").status_code == 302
    paper.refresh_from_db()
    assert paper.live is True
    assert paper.specific.abstract == "How villages in Kisumu and Siaya write plans."
    client.logout()
    assert client.get(paper.url).status_code == 200


def test_member_editor_cannot_publish_by_posting_the_publish_action(client, site):
    client.force_login(site["member_editor"])
    data = {**PAPER, "organisations": [site["own_member"].pk]}
    assert add_page(client, PaperPage, site["own_member"], data, "action-publish").status_code == 302
    assert PaperPage.objects.get(slug="village-plans").live is False


@pytest.mark.parametrize("parent", ["library", "other_member"])
def test_member_editor_cannot_create_a_paper_outside_its_organisation(client, site, parent):
    client.force_login(site["member_editor"])
    data = {**PAPER, "organisations": [site["own_member"].pk]}
    response = add_page(client, PaperPage, site[parent], data, "action-submit")
    assert response.status_code in (302, 403)
    assert not PaperPage.objects.filter(slug="village-plans").exists()


def test_chapter_lead_publishes_an_event_at_once_and_moderators_can_unpublish_it(client, site):
    client.force_login(site["chapter_lead"])
    response = add_page(client, EventPage, site["own_chapter"], EVENT, "action-publish")
    assert response.status_code == 302
    event = EventPage.objects.get(slug="municipal-planning-day")
    assert event.live is True
    assert event.chapter_id == site["own_chapter"].pk

    client.force_login(site["moderator"])
    assert client.post(f"/admin/pages/{event.pk}/unpublish/").status_code == 302
    event.refresh_from_db()
    assert event.live is False


def test_an_event_under_a_chapter_cannot_be_filed_under_another_chapter(client, site):
    client.force_login(site["chapter_lead"])
    data = {**EVENT, "chapter": site["other_chapter"].pk}
    assert add_page(client, EventPage, site["own_chapter"], data, "action-publish").status_code == 302
    assert EventPage.objects.get(slug="municipal-planning-day").chapter_id == site["own_chapter"].pk


def test_chapter_lead_cannot_add_an_event_under_another_chapter(client, site):
    client.force_login(site["chapter_lead"])
    response = add_page(client, EventPage, site["other_chapter"], EVENT, "action-publish")
    assert response.status_code in (302, 403)
    assert not EventPage.objects.filter(slug="municipal-planning-day").exists()


# --- uploads ------------------------------------------------------------------------------


def upload_document(client, title, collection=None):
    data = {"title": title, "file": SimpleUploadedFile("note.pdf", b"%PDF-1.4 a short note", "application/pdf")}
    if collection is not None:
        data["collection"] = collection.pk
    return client.post("/admin/documents/add/", data)


def organisation_collection(site, key):
    return Collection.objects.filter(group_permissions__group=roles.organisation_group(site[key])).distinct().get()


def test_member_editor_uploads_land_in_its_collection_and_stay_out_of_others_sight(client, site):
    Document = get_document_model()
    own = organisation_collection(site, "own_member")
    client.force_login(site["member_editor"])
    assert upload_document(client, "Our budget template").status_code == 302
    document = Document.objects.get(title="Our budget template")
    assert document.collection == own

    client = Client()  # a browser of their own: the upload's "added" message stays in the first one
    client.force_login(site["other_editor"])
    assert "Our budget template" not in client.get("/admin/documents/").content.decode()
    assert "Our budget template" not in client.get("/admin/documents/chooser/").content.decode()
    response = client.get(f"/admin/documents/edit/{document.pk}/")
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/documents/edit/{document.pk}/", {"title": "Replaced"})
    document.refresh_from_db()
    assert document.title == "Our budget template"

    client.force_login(site["moderator"])
    assert "Our budget template" in client.get("/admin/documents/").content.decode()


def test_member_editor_cannot_upload_into_another_organisations_collection(client, site):
    Document = get_document_model()
    client.force_login(site["member_editor"])
    upload_document(client, "Misfiled", organisation_collection(site, "other_member"))
    assert not Document.objects.filter(title="Misfiled", collection=organisation_collection(site, "other_member"))


def test_member_editor_image_chooser_offers_only_its_collection(client, site):
    Image = get_image_model()
    Image.objects.create(
        title="Secretariat banner",
        file=SimpleUploadedFile("banner.png", make_logo("S", "#1d4e89"), "image/png"),
        collection=Collection.get_first_root_node(),
    )
    client.force_login(site["member_editor"])
    upload = SimpleUploadedFile("logo.png", make_logo("VV", "#0b5d3b"), "image/png")
    assert client.post("/admin/images/add/", {"title": "Our logo", "file": upload}).status_code == 302
    assert Image.objects.get(title="Our logo").collection == organisation_collection(site, "own_member")
    chooser = client.get("/admin/images/chooser/").content.decode()
    assert "Our logo" in chooser
    assert "Secretariat banner" not in chooser
