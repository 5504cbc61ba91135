"""A member editor edits every paper that names its organisation, wherever it lives and in every language.

Papers live in the library as well as under their organisations' pages; the editors of every publishing
organisation edit and submit them, never publish, delete a live one or move one, and see exactly those
papers in the explorer, the admin search and the dashboard. A paper filed under the organisation's page
that does not name it is not theirs, unless it is the editor's own never-published draft. Rules:
resources/permissions.py.
"""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from resources.factories import PaperPageFactory
from resources.models import PaperPage
from tests.roles_setup import build, published

pytestmark = pytest.mark.django_db


def paper(parent, title, organisations, live=True):
    page = PaperPageFactory.build(title=title, live=live)
    page.organisations = organisations
    parent.add_child(instance=page)
    if live:
        return published(page)
    page.save_revision()
    return page


def misfiled(site, title):
    """A paper naming only another organisation, filed by the secretariat under the editor's organisation's
    page: moving a paper does not change whom it names."""
    page = paper(site["library"], title, [site["other_member"]])
    page.move(site["own_member"], pos="last-child", user=site["moderator"])
    page = PaperPage.objects.get(pk=page.pk)
    assert page.get_parent().pk == site["own_member"].pk
    assert [organisation.pk for organisation in page.organisations.all()] == [site["other_member"].pk]
    return page


@pytest.fixture(scope="module")
def papers_fixture(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        site = build()
        library, member, other = site["library"], site["own_member"], site["other_member"]
        site["other_library_paper"] = paper(library, "Other library paper", [other])
        site["library_draft"] = paper(library, "Library draft", [member], live=False)
        site["copublished_paper"] = paper(other, "Co-published paper", [other, member])
        site["misfiled_paper"] = misfiled(site, "Misfiled paper")
        french = Locale.objects.get_or_create(language_code="fr")[0]
        site["library_paper_fr"] = published(
            site["library_paper"].copy_for_translation(french, copy_parents=True).specific
        )
        site["other_library_paper_fr"] = published(
            site["other_library_paper"].copy_for_translation(french, copy_parents=True).specific
        )
        yield site
        transaction.set_rollback(True)


@pytest.fixture
def site(papers_fixture, db):
    return papers_fixture


EDITABLE = [
    "own_paper",
    "own_live_paper",
    "library_paper",
    "library_draft",
    "copublished_paper",
    "library_paper_fr",
]
# The misfiled paper lives under the organisation's page but does not name it: the tree gives no right.
NOT_EDITABLE = ["other_paper", "other_library_paper", "other_library_paper_fr", "misfiled_paper"]
# Wagtail's rule for a draft under the organisation's page: its editors may drop it. Nothing else.
DELETABLE = {"own_paper"}


def can(client, user, page, action):
    client.force_login(user)
    if action == "publish":
        # A fresh user: Wagtail caches permissions on the user object, as for one request.
        fresh = type(user).objects.get(pk=user.pk)
        return Page.objects.get(pk=page.pk).specific.permissions_for_user(fresh).can_publish()
    url = {
        "edit": f"/admin/pages/{page.pk}/edit/",
        "view_draft": f"/admin/pages/{page.pk}/view_draft/",
        "delete": f"/admin/pages/{page.pk}/delete/",
        "move": f"/admin/pages/{page.pk}/move/",
    }[action]
    response = client.get(url)
    assert response.status_code in (200, 302, 403), response.status_code
    return response.status_code == 200


@pytest.mark.parametrize("action", ["edit", "view_draft", "publish", "delete", "move"])
@pytest.mark.parametrize("name", EDITABLE + NOT_EDITABLE)
def test_member_editor_paper_matrix(client, site, name, action):
    expected = {
        "edit": name in EDITABLE,
        "view_draft": name in EDITABLE,
        "publish": False,
        "delete": name in DELETABLE,
        "move": False,
    }[action]
    assert can(client, site["member_editor"], site[name], action) is expected


@pytest.mark.parametrize("name", ["copublished_paper", "other_paper", "other_library_paper", "misfiled_paper"])
def test_every_publisher_edits_a_paper_it_names(client, site, name):
    assert can(client, site["other_editor"], site[name], "edit") is True


@pytest.mark.parametrize("name", ["library_paper", "library_draft", "own_paper"])
def test_other_organisations_editors_do_not_edit_a_paper_that_does_not_name_them(client, site, name):
    assert can(client, site["other_editor"], site[name], "edit") is False


def test_chapter_leads_edit_no_paper(client, site):
    for name in EDITABLE:
        assert can(client, site["chapter_lead"], site[name], "edit") is False


def test_the_secretariat_still_moves_and_deletes_library_papers(client, site):
    for action in ("move", "delete"):
        assert can(client, site["moderator"], site["library_draft"], action) is True


def paper_form(page, **changes):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
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
    )


def test_a_member_editor_saves_and_submits_a_library_paper_it_publishes(client, site):
    page = site["library_paper"]
    client.force_login(site["member_editor"])
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        paper_form(page, title="Library paper, typo fixed", **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    page = PaperPage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().title == "Library paper, typo fixed"
    assert page.workflow_in_progress is True
    assert page.title == "Library paper"  # still the published text until the secretariat approves


def test_a_member_editor_cannot_publish_a_library_paper_it_edits(client, site):
    page = site["library_paper"]
    client.force_login(site["member_editor"])
    form = paper_form(page, title="Published by me", **{"action-publish": "publish"})
    client.post(f"/admin/pages/{page.pk}/edit/", form)
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}")
    draft = site["library_draft"]
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}")
    assert PaperPage.objects.get(pk=page.pk).title == "Library paper"
    assert PaperPage.objects.get(pk=draft.pk).live is False


def test_a_member_editor_cannot_delete_or_move_a_library_paper_it_edits(client, site):
    page, draft, member = site["library_paper"], site["library_draft"], site["own_member"]
    client.force_login(site["member_editor"])
    for target in (page, draft):
        client.post(f"/admin/pages/{target.pk}/delete/")
        client.post(f"/admin/bulk/wagtailcore/page/delete/?id={target.pk}")
        client.post(f"/admin/pages/{target.pk}/move/{member.pk}/confirm/")
        client.post(f"/admin/bulk/wagtailcore/page/move/?id={target.pk}", {"chooser": member.pk})
        target = Page.objects.filter(pk=target.pk).first()
        assert target is not None
        assert target.get_parent().pk == site["library"].pk


def refused(response):
    """Wagtail answers a refused admin action with a 403 or a redirect away from the page (the dashboard)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.mark.parametrize("name", NOT_EDITABLE)
def test_direct_urls_to_a_paper_it_may_not_edit_are_refused_and_change_nothing(client, site, name):
    page = PaperPage.objects.get(pk=site[name].pk)
    revision = page.latest_revision
    client.force_login(site["member_editor"])
    gets = [
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/delete/",
        f"/admin/pages/{page.pk}/move/",
        f"/admin/pages/{page.pk}/move/{site['own_member'].pk}/confirm/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/revert/",
        f"/admin/pages/{page.pk}/unpublish/",
    ]
    for url in gets:
        assert refused(client.get(url)), url
    posts = [
        (f"/admin/pages/{page.pk}/edit/", paper_form(page, title="Hijacked", **{"action-publish": "publish"})),
        (f"/admin/pages/{page.pk}/edit/", paper_form(page, title="Hijacked", **{"action-submit": "submit"})),
        (f"/admin/pages/{page.pk}/edit/preview/", paper_form(page, title="Hijacked")),
        (f"/admin/pages/{page.pk}/delete/", {}),
        (f"/admin/pages/{page.pk}/move/{site['own_member'].pk}/confirm/", {}),
        (f"/admin/pages/{page.pk}/unpublish/", {}),
    ]
    for url, data in posts:
        assert refused(client.post(url, data)), url
    after = PaperPage.objects.get(pk=page.pk)
    assert (after.title, after.live, after.path, after.latest_revision_id) == (
        page.title,
        page.live,
        page.path,
        revision.pk,
    )
    assert after.workflow_in_progress is False


def test_a_translation_naming_the_organisation_is_enough(client, site):
    """Translations are one paper: the French copy still names the organisation after the English dropped it."""
    page = PaperPage.objects.get(pk=site["library_paper"].pk)
    page.organisations = [site["other_member"]]
    page.save_revision().publish()
    assert can(client, site["member_editor"], page, "edit") is True


def explorer_titles(client, parent):
    response = client.get(f"/admin/pages/{parent.pk}/")
    assert response.status_code == 200
    return {page.title for page in response.context["pages"]}


def test_the_explorer_shows_the_library_with_exactly_its_papers(client, site):
    client.force_login(site["member_editor"])
    assert explorer_titles(client, site["library"]) == {"Library paper", "Library draft"}
    assert site["library"].title in explorer_titles(client, site["home"])


def test_the_explorer_of_another_organisation_shows_only_the_co_published_paper(client, site):
    client.force_login(site["member_editor"])
    assert explorer_titles(client, site["other_member"]) == {"Co-published paper"}


def test_the_explorer_of_its_own_organisation_shows_only_the_papers_naming_it(client, site):
    client.force_login(site["member_editor"])
    assert explorer_titles(client, site["own_member"]) == {"Our draft paper", "Our published paper"}
    response = client.get("/admin/api/main/pages/", {"child_of": site["own_member"].pk, "for_explorer": 1})
    assert {item["title"] for item in response.json()["items"]} == {"Our draft paper", "Our published paper"}


def test_the_explorer_menu_shows_the_library_with_exactly_its_papers(client, site):
    """The sliding explorer menu reads the admin API, which asks the same policy."""
    client.force_login(site["member_editor"])
    response = client.get("/admin/api/main/pages/", {"child_of": site["library"].pk, "for_explorer": 1})
    assert response.status_code == 200
    assert {item["title"] for item in response.json()["items"]} == {"Library paper", "Library draft"}


def test_the_admin_search_finds_exactly_its_papers(client, site, searchable):
    searchable(Page.objects.all())
    client.force_login(site["member_editor"])
    response = client.get("/admin/pages/search/", {"q": "paper"})
    assert response.status_code == 200
    titles = {page.title for page in response.context["pages"]}
    papers = titles & set(PaperPage.objects.values_list("title", flat=True))
    assert papers == {"Library paper", "Our draft paper", "Our published paper", "Co-published paper"}


def test_removing_the_organisation_from_a_paper_removes_the_right(client, site):
    page = PaperPage.objects.get(pk=site["copublished_paper"].pk)
    page.organisations = [site["other_member"]]
    page.save_revision().publish()
    assert can(client, site["member_editor"], page, "edit") is False
    assert can(client, site["other_editor"], page, "edit") is True


def name_only(page, organisations):
    """Set a paper's publishers in the database, as an import or a data fix does: the admin's save files a
    paper under an organisation's page as published by it (PaperPage.save), so it cannot take it off."""
    through = PaperPage.organisations.through
    through.objects.filter(paperpage_id=page.pk).delete()
    through.objects.bulk_create([through(paperpage_id=page.pk, memberpage_id=org.pk) for org in organisations])


@pytest.mark.parametrize("name", ["own_live_paper", "own_paper"])
def test_taking_the_organisation_off_a_paper_under_its_own_page_removes_the_right(client, site, name):
    page = PaperPage.objects.get(pk=site[name].pk)
    assert can(client, site["member_editor"], page, "edit") is True
    name_only(page, [site["other_member"]])
    for action in ("edit", "view_draft", "delete"):
        assert can(client, site["member_editor"], page, action) is False, action
    assert can(client, site["other_editor"], page, "edit") is True
    client.force_login(site["member_editor"])
    assert page.title not in explorer_titles(client, site["own_member"])


def test_its_own_new_paper_is_its_own_before_it_names_the_organisation(client, site):
    """A paper it wrote and never published stays its own (a new paper before it names its publishers)."""
    client.force_login(site["member_editor"])
    response = client.post(
        f"/admin/pages/add/resources/paperpage/{site['own_member'].pk}/",
        paper_form(PaperPageFactory.build(title="Our new paper", slug="our-new-paper")),
    )
    assert response.status_code == 302
    page = PaperPage.objects.get(slug="our-new-paper")
    assert page.owner_id == site["member_editor"].pk
    name_only(page, [])
    assert can(client, site["member_editor"], page, "edit") is True
    assert can(client, site["member_editor"], page, "delete") is True
    assert page.title in explorer_titles(client, site["own_member"])
    page.save_revision(user=site["moderator"]).publish()
    name_only(page, [])
    assert can(client, site["member_editor"], page, "edit") is False
    assert page.title not in explorer_titles(client, site["own_member"])


def test_listings_cost_the_same_queries_however_many_papers_name_the_organisation(client, site, searchable):
    """The grants are one query per request; the explorer and the search do not grow with them."""
    searchable(Page.objects.all())
    client.force_login(site["member_editor"])
    urls = [f"/admin/pages/{site['library'].pk}/", "/admin/pages/search/?q=paper"]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries.captured_queries))
        return result

    client.get(urls[0])  # warm Wagtail's per-process caches (content types, locales)
    before = counts()
    for number in range(8):
        paper(site["library"], f"Another paper {number}", [site["own_member"]])
    searchable(PaperPage.objects.all())
    assert explorer_titles(client, site["library"]) >= {"Another paper 0", "Another paper 7"}
    assert counts() == before
