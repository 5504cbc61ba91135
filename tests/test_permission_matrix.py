"""Who may do what, cell by cell: role x page x action, through the Wagtail admin.

Member editors work on their organisation's subtree, and on papers that name their organisation
wherever they live (tests/test_member_papers.py), without publishing; chapter leads publish in their
chapter's subtree; the secretariat (Moderators) does everything, except deleting a page that still has
children (Wagtail's bulk-delete permission stays with superusers).
"""

import pytest

from tests.roles_setup import site_fixture  # noqa: F401 - the module-scoped site

pytestmark = pytest.mark.django_db

PAGES = [
    "own_member",
    "own_paper",
    "own_live_paper",
    "other_member",
    "other_paper",
    "library_paper",
    "own_chapter",
    "own_event",
    "other_chapter",
    "other_event",
    "glossary_term",
    "home",
]
ACTIONS = ["view_draft", "edit", "publish", "add_child", "delete"]
EVERYTHING = {"view_draft", "edit", "publish"}
# Pages that may take a child here (the home page's index pages are all there, one of each).
PARENTS = {"own_member", "other_member", "own_chapter", "other_chapter"}
LEAVES = set(PAGES) - PARENTS - {"home"}

ALLOWED = {
    "moderator": {
        page: EVERYTHING | ({"add_child"} if page in PARENTS else set()) | ({"delete"} if page in LEAVES else set())
        for page in PAGES
    },
    "member_editor": {
        "own_member": {"view_draft", "edit", "add_child"},
        "own_paper": {"view_draft", "edit", "delete"},  # a draft: its editors may drop it
        "own_live_paper": {"view_draft", "edit"},  # live: only a publisher may delete it
        "library_paper": {"view_draft", "edit"},  # names the organisation; filed by the secretariat
    },
    "chapter_lead": {
        "own_chapter": {"view_draft", "edit", "publish", "add_child"},
        "own_event": {"view_draft", "edit", "publish", "delete"},
    },
}
CELLS = [
    pytest.param(role, page, action, action in ALLOWED[role].get(page, set()), id=f"{role}-{page}-{action}")
    for role in ALLOWED
    for page in PAGES
    for action in ACTIONS
]


@pytest.fixture
def site(site_fixture, db):  # noqa: F811
    return site_fixture


def allowed_in_admin(response):
    """Wagtail answers a refused admin action with a 403 or a redirect to the dashboard."""
    if response.status_code == 200:
        return True
    if response.status_code == 302:
        # add_subpage goes straight to the add form when only one page type fits there.
        return response["Location"].startswith("/admin/pages/add/")
    assert response.status_code == 403, response.status_code
    return False


def perform(client, user, page, action):
    client.force_login(user)
    if action == "publish":
        return page.permissions_for_user(user).can_publish()
    url = {
        "view_draft": f"/admin/pages/{page.pk}/view_draft/",
        "edit": f"/admin/pages/{page.pk}/edit/",
        "add_child": f"/admin/pages/{page.pk}/add_subpage/",
        "delete": f"/admin/pages/{page.pk}/delete/",
    }[action]
    return allowed_in_admin(client.get(url))


@pytest.mark.parametrize(("role", "page", "action", "expected"), CELLS)
def test_permission_matrix(client, site, role, page, action, expected):
    assert perform(client, site[role], site[page], action) is expected


def test_a_refused_action_changes_nothing(client, site):
    """Refusal is not just a hidden button: posting the delete form of another organisation's paper fails."""
    client.force_login(site["member_editor"])
    response = client.post(f"/admin/pages/{site['other_paper'].pk}/delete/")
    assert not allowed_in_admin(response)
    site["other_paper"].refresh_from_db()
    assert site["other_paper"].live is True
