"""A member editor edits every paper that names its organisation, wherever the paper lives.

Papers live in the library as well as under their organisations' pages, so rights that follow the
tree are not enough: `publisher_grants` (the `hub_page_grants` hook, see members/permissions.py)
gives the editors of an organisation "change" on every paper, in every language, whose publishing
organisations name it (any translation of its page). Wagtail's explorer, admin search, dashboard
and testers then see those papers as editable. The grant is computed from the papers themselves on
each request, so removing an organisation from a paper removes its editors' rights at once.

Naming the organisation is also the only way to the right: the editors' grants on their organisation's
page reach the papers filed under it through the tree, but `publisher_fences` (the `hub_page_fences`
hook) fences off those that do not name it (misfiled under the page, or the organisation taken off), so
a member editor edits no other paper. The one exception is its own draft that was never published: a
new paper, before it names its publishers. The fence falls where the user has a tree right elsewhere its
organisation's page (the secretariat's on the root), which covers those papers whatever they name.

Editing is all such a grant gives: publishing still goes through review, and
`PaperPagePermissionTester` keeps deleting and moving to the rights that follow the tree (a member
editor deletes its own drafts under its page, never a paper in the library) and moving to the
secretariat.
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import GroupPagePermission, Page

from members.models import MemberPage
from members.permissions import Fence, HubPagePermissionTester, is_stored


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


def publisher_fences(user, grants):
    """Fences off the papers under the user's organisations' pages that name none of them, unless the
    paper is the user's own never-published draft or another grant covers it. No query."""
    from resources.models import PaperPage

    member_type = ContentType.objects.get_for_model(MemberPage).pk
    stored = [grant for grant in grants if is_stored(grant)]
    elsewhere = {grant.page.path for grant in stored if grant.page.content_type_id != member_type}
    # An organisation's page under a tree right of another kind (the secretariat's) is not fenced.
    roots = {
        grant.page.path
        for grant in stored
        if grant.page.content_type_id == member_type and not any(grant.page.path.startswith(path) for path in elsewhere)
    }
    if not roots:
        return []
    paper_type = ContentType.objects.get_for_model(PaperPage).pk
    # The papers naming the user's organisations, in every language: `publisher_grants`' pages.
    naming = {grant.page_id for grant in grants if not is_stored(grant)}

    def holds(page):
        return (
            page.content_type_id == paper_type
            and any(page.path.startswith(root) and page.path != root for root in roots)
            and not any(page.path.startswith(path) for path in elsewhere)
            and page.pk not in naming
            and not (page.owner_id == user.pk and page.first_published_at is None)
        )

    under_roots = reduce(or_, (Q(path__startswith=root) & ~Q(path=root) for root in roots))
    q = Q(content_type_id=paper_type) & under_roots & ~Q(pk__in=naming)
    q &= ~Q(owner_id=user.pk, first_published_at__isnull=True)
    if elsewhere:
        q &= ~reduce(or_, (Q(path__startswith=path) for path in elsewhere))
    return [Fence(q=q, holds=holds)]


class PaperPagePermissionTester(HubPagePermissionTester):
    """Wagtail's rules for the tree; a paper edited only as its publisher is neither deleted nor moved."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser and not self.fenced:
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
