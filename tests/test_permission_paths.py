"""The hub's own rules hold on every admin path, not just the single views that run Wagtail's hooks.

An organisation's or chapter's own page is the root of its editors' rights: only the secretariat
deletes, moves, unpublishes, privacy-restricts or schedules it off the site, and only the secretariat
names a chapter's lead organisations. Bulk actions, the move chooser and its confirmation ask the same
permission tester (members/permissions.py) as the single views. The private metadata of a paper is for
moderators only, in every view of the admin.
"""

from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from members.onboarding import onboard_member
from resources.models import PaperPage
from tests.roles_setup import (
    activate,
    site_fixture,  # noqa: F401 - the module-scoped site
)

pytestmark = pytest.mark.django_db

FOCAL_POINT = "focal.point@example.org"


@pytest.fixture
def site(site_fixture, db):  # noqa: F811
    return site_fixture


@pytest.fixture
def draft_organisation(site):
    """An organisation as onboarding leaves it: a draft page, and its editor, who has signed in."""
    result = onboard_member("Lakeside Cooperative", "lake@example.org")
    return result.page, activate(result.user)


def edit(client, page, data, action):
    return client.post(
        f"/admin/pages/{page.pk}/edit/", nested_form_data({action: action.removeprefix("action-"), **data})
    )


def chapter_data(chapter, **changes):
    return {
        "title": chapter.title,
        "slug": chapter.slug,
        "country": "PE",
        "status": "active",
        "intro": chapter.intro,
        "body": rich_text(""),
        "contact_email": "peru-chapter@example.org",
        "partnerships": inline_formset([]),
        "programmes": inline_formset([]),
        **changes,
    }


def paper_data(paper, **changes):
    return {
        "title": "Our draft paper, saved",
        "slug": paper.slug,
        "publication_date": "2024-02-01",
        "abstract": "How villages write plans.",
        "document_type": "toolkit",
        "language": "en",
        "licence": "cc-by-4.0",
        "body": streamfield([("heading", {"text": "Why plans", "level": "h2"})]),
        "authors": inline_formset([]),
        "attachments": inline_formset([]),
        **changes,
    }


def refused(response):
    """Wagtail answers a refused admin action with a 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def bulk(client, action, page, data=None):
    return client.post(f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}", data or {})


def still_there(page):
    return Page.objects.filter(pk=page.pk).exists()


def test_a_chapter_lead_cannot_bulk_delete_the_chapter_page(client, site):
    """Once its events are gone, the chapter page is a leaf that Wagtail alone would let its lead delete."""
    Page.objects.get(pk=site["own_event"].pk).delete()
    client.force_login(site["chapter_lead"])
    bulk(client, "delete", site["own_chapter"])
    assert still_there(site["own_chapter"]) is True


def test_a_chapter_lead_still_bulk_deletes_its_own_event(client, site):
    client.force_login(site["chapter_lead"])
    bulk(client, "delete", site["own_event"])
    assert still_there(site["own_event"]) is False


def test_a_member_editor_cannot_delete_its_draft_organisation_page(client, draft_organisation):
    page, editor = draft_organisation
    client.force_login(editor)
    assert refused(client.get(f"/admin/pages/{page.pk}/delete/"))
    bulk(client, "delete", page)
    assert still_there(page) is True


def test_the_secretariat_bulk_deletes_a_draft_organisation_page(client, site, draft_organisation):
    page, _editor = draft_organisation
    client.force_login(site["moderator"])
    bulk(client, "delete", page)
    assert still_there(page) is False


def test_a_chapter_lead_cannot_unpublish_the_chapter_page_single_or_bulk(client, site):
    chapter = site["own_chapter"]
    client.force_login(site["chapter_lead"])
    assert refused(client.get(f"/admin/pages/{chapter.pk}/unpublish/"))
    client.post(f"/admin/pages/{chapter.pk}/unpublish/")
    bulk(client, "unpublish", chapter)
    chapter.refresh_from_db()
    assert chapter.live is True


def test_a_chapter_lead_still_unpublishes_its_own_event(client, site):
    event = site["own_event"]
    client.force_login(site["chapter_lead"])
    bulk(client, "unpublish", event)
    event.refresh_from_db()
    assert event.live is False


def test_bulk_publish_keeps_review_for_member_editors(client, site):
    """Publishing has no hub rule of its own: Wagtail's holds on the bulk path too (member editors submit)."""
    paper = site["own_paper"]
    client.force_login(site["member_editor"])
    bulk(client, "publish", paper)
    assert Page.objects.get(pk=paper.pk).live is False


def test_a_chapter_lead_cannot_password_protect_the_chapter_page(client, site):
    chapter = site["own_chapter"]
    client.force_login(site["chapter_lead"])
    response = client.post(
        f"/admin/pages/{chapter.pk}/privacy/", {"restriction_type": "password", "password": "secret"}
    )
    assert refused(response)
    assert PageViewRestriction.objects.filter(page=chapter).exists() is False


def test_a_chapter_lead_cannot_schedule_the_chapter_page_off_the_site(client, site):
    chapter = site["own_chapter"]
    client.force_login(site["chapter_lead"])
    response = edit(client, chapter, chapter_data(chapter, expire_at="2099-01-01 10:00"), "action-publish")
    assert response.status_code == 200  # the form again, with the error
    chapter.refresh_from_db()
    assert chapter.expire_at is None


def test_the_secretariat_may_unpublish_and_protect_a_chapter_page(client, site):
    perms = site["own_chapter"].permissions_for_user(site["moderator"])
    assert (perms.can_unpublish(), perms.can_set_view_restrictions(), perms.can_move()) == (True, True, True)


@pytest.mark.parametrize("role", ["chapter_lead", "member_editor"])
def test_an_organisation_or_chapter_page_cannot_be_moved_by_its_editors(client, site, role):
    page = site["own_chapter" if role == "chapter_lead" else "own_member"]
    client.force_login(site[role])
    assert refused(client.get(f"/admin/pages/{page.pk}/move/"))
    response = client.get(f"/admin/bulk/wagtailcore/page/move/?id={page.pk}")
    assert [item["item"].pk for item in response.context["items_with_no_access"]] == [page.pk]


def test_the_move_confirmation_refuses_a_page_the_user_may_not_move(client, site):
    client.force_login(site["member_editor"])
    response = client.get(f"/admin/pages/{site['other_paper'].pk}/move/{site['own_member'].pk}/confirm/")
    assert refused(response)
    assert "Their paper" not in response.content.decode()


def test_the_move_confirmation_refuses_a_destination_the_user_may_not_add_to(client, site):
    client.force_login(site["member_editor"])
    response = client.get(f"/admin/pages/{site['own_paper'].pk}/move/{site['other_member'].pk}/confirm/")
    assert refused(response)
    assert "Harbour Families Alliance" not in response.content.decode()


def test_the_secretariat_still_sees_the_move_confirmation(client, site):
    client.force_login(site["moderator"])
    response = client.get(f"/admin/pages/{site['other_paper'].pk}/move/{site['own_member'].pk}/confirm/")
    assert response.status_code == 200


def test_a_chapter_lead_cannot_name_lead_organisations(client, site):
    chapter = site["own_chapter"]
    client.force_login(site["chapter_lead"])
    assert "lead_organisations" not in client.get(f"/admin/pages/{chapter.pk}/edit/").context["form"].fields
    data = chapter_data(chapter, lead_organisations=[str(site["other_member"].pk)])
    assert edit(client, chapter, data, "action-publish").status_code == 302
    chapter.refresh_from_db()
    assert list(chapter.lead_organisations.all()) == []
    assert "Peru chapter" not in client.get(site["other_member"].url).content.decode()


def test_the_secretariat_names_lead_organisations(client, site):
    client.force_login(site["moderator"])
    response = client.get(f"/admin/pages/{site['own_chapter'].pk}/edit/")
    assert "lead_organisations" in response.context["form"].fields


@pytest.fixture
def paper_with_focal_point(site):
    paper = PaperPage.objects.get(pk=site["own_paper"].pk)  # fresh: earlier tests' revisions were rolled back
    paper.private_metadata = {"focal_point": [FOCAL_POINT]}
    first = paper.save_revision()
    paper.title = "Our draft paper, revised"
    second = paper.save_revision()
    return paper, first, second


def admin_views(paper, first, second):
    return {
        "edit": f"/admin/pages/{paper.pk}/edit/",
        "revision": f"/admin/pages/{paper.pk}/revisions/{first.pk}/view/",
        "compare": f"/admin/pages/{paper.pk}/revisions/compare/{first.pk}...{second.pk}/",
        "compare with earlier": f"/admin/pages/{paper.pk}/revisions/compare/earliest...{second.pk}/",
        "revert": f"/admin/pages/{paper.pk}/revisions/{first.pk}/revert/",
    }


@pytest.mark.parametrize("view", ["edit", "revision", "compare", "compare with earlier", "revert"])
def test_private_metadata_is_hidden_from_member_editors(client, site, paper_with_focal_point, view):
    client.force_login(site["member_editor"])
    response = client.get(admin_views(*paper_with_focal_point)[view])
    assert response.status_code == 200
    content = response.content.decode()
    assert FOCAL_POINT not in content
    assert "Private metadata" not in content


def test_private_metadata_stays_out_of_the_preview(client, site, paper_with_focal_point):
    paper, _first, _second = paper_with_focal_point
    client.force_login(site["member_editor"])
    client.post(f"/admin/pages/{paper.pk}/edit/preview/", nested_form_data(paper_data(paper)))
    assert FOCAL_POINT not in client.get(f"/admin/pages/{paper.pk}/edit/preview/").content.decode()


def test_moderators_see_private_metadata(client, site, paper_with_focal_point):
    paper, first, second = paper_with_focal_point
    client.force_login(site["moderator"])
    assert FOCAL_POINT in client.get(f"/admin/pages/{paper.pk}/edit/").content.decode()
    compare = client.get(f"/admin/pages/{paper.pk}/revisions/compare/earliest...{second.pk}/")
    assert "Private metadata" in compare.content.decode()


def test_a_member_editor_saving_the_paper_keeps_its_private_metadata(client, site, paper_with_focal_point):
    paper, _first, _second = paper_with_focal_point
    client.force_login(site["member_editor"])
    assert edit(client, paper, paper_data(paper, private_metadata="{}"), "action-save").status_code == 302
    latest = Page.objects.get(pk=paper.pk).get_latest_revision_as_object()
    assert latest.title == "Our draft paper, saved"
    assert latest.private_metadata == {"focal_point": [FOCAL_POINT]}
