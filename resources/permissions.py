"""A member editor edits every paper that names its organisation, wherever the paper lives.

Papers live in the library as well as under their organisations' pages, so rights that follow the
tree are not enough: `publisher_grants` (the `hub_page_grants` hook, see members/permissions.py)
gives the editors of an organisation "change" on every paper, in every language, whose publishing
organisations name it (any translation of its page). Wagtail's explorer, admin search, dashboard
and testers then see those papers as editable. The grant is computed from the papers themselves on
each request, so removing an organisation from a paper removes its editors' rights at once.

Editing is all such a grant gives: publishing still goes through review, and
`PaperPagePermissionTester` keeps deleting and moving to the rights that follow the tree (a member
editor deletes its own drafts under its page, never a paper in the library) and moving to the
secretariat.
"""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupPagePermission, Page

from members.models import MemberPage
from members.permissions import HubPagePermissionTester, is_stored


def organisation_grants(stored):
    """The user's stored "change" grants on organisation pages (member editors')."""
    member_type = ContentType.objects.get_for_model(MemberPage).pk
    return [
        grant
        for grant in stored
        if grant.permission.codename == "change_page" and grant.page.content_type_id == member_type
    ]


def papers_naming(translation_keys):
    """Every paper, in every language, of which some translation names one of these organisations."""
    from resources.models import PaperPage

    naming = PaperPage.objects.filter(organisations__translation_key__in=translation_keys).values("translation_key")
    return Page.objects.filter(
        content_type=ContentType.objects.get_for_model(PaperPage), translation_key__in=naming
    ).order_by("path")


def publisher_grants(user, stored):
    """Grants "change" on each paper naming one of the user's organisations: one query, none for other roles."""
    organisations = organisation_grants(stored)
    if not organisations:
        return []
    first = organisations[0]
    keys = {grant.page.translation_key for grant in organisations}
    return [
        GroupPagePermission(group_id=first.group_id, page=paper, permission=first.permission)
        for paper in papers_naming(keys)
    ]


class PaperPagePermissionTester(HubPagePermissionTester):
    """Wagtail's rules for the tree; a paper edited only as its publisher is neither deleted nor moved."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            self.tree_permissions = {
                grant.permission.codename.rsplit("_", maxsplit=1)[0]
                for grant in self.permission_policy.get_cached_permissions_for_user(user)
                if is_stored(grant) and page.path.startswith(grant.page.path)
            }
        else:
            self.tree_permissions = set()

    def can_delete(self, ignore_bulk=False):
        if not self.user.is_superuser and not self.tree_permissions & {"add", "change", "delete"}:
            return False
        return super().can_delete(ignore_bulk)

    def can_move(self):
        # Where a paper lives is the secretariat's decision: the library or a publisher's page.
        return self.is_secretariat and super().can_move()
