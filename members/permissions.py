"""The hub's page rules on top of Wagtail's, in the one place every admin path asks.

Wagtail's single views, bulk actions (delete, move, publish, unpublish), the move chooser and its
confirmation, the privacy dialog and the action menu all call `page.permissions_for_user(user)`.
A page model that overrides it to return one of these testers gets the hub's rules on every path;
hooks such as `before_delete_page` run in the single views only, so they cannot hold a rule alone.

To add a rule for a page type: subclass `HubPagePermissionTester`, override the `can_*` methods
(calling super() so Wagtail's own checks still apply), and return it from the model's
`permissions_for_user`. The roles and their rules are in docs/roles.md.

Rights that do not follow the tree (a member editor edits every paper that names its organisation,
wherever it lives) are grants computed per request by `HubPagePermissionPolicy`, Wagtail's page
permission policy plus what the `hub_page_grants` hook adds. Wagtail asks that policy for the
explorer, the admin search, the dashboard's listings, reports and every tester, so such a grant
reaches all of them; it is never stored, so it cannot drift from the content that justifies it.

The other way round, a grant that follows the tree may reach pages it should not cover (a member
editor's grant on its organisation's page reaches every paper filed there, but covers only those that
name the organisation). Apps fence those pages off through the `hub_page_fences` hook: the policy
leaves them out of its listings and instance checks, and `HubPagePermissionTester` gives no right on
them, so the explorer, the admin search, the dashboard and every tester agree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from members import roles

GRANTS_HOOK = "hub_page_grants"
FENCES_HOOK = "hub_page_fences"


@dataclass(frozen=True)
class Fence:
    """Pages that none of a user's grants covers although its tree grants reach them.

    `q` selects them in a query over `Page`, without a query of its own; `holds(page)` tells whether it
    fences off one page, from the page's own fields, without a query (a listing tests every row)."""

    q: Q
    holds: Callable[[object], bool]


class HubPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with the grants that apps add through the `hub_page_grants` hook.

    A hook function receives the user and the list of its stored `GroupPagePermission` rows (with
    `page` and `permission` loaded) and returns extra, unsaved `GroupPagePermission` objects (pk None),
    each on one page (no subtree below it is meant). It runs once per user and request: Wagtail caches
    the result on the user. Registered for every page type in members/apps.py.
    """

    def get_all_permissions_for_user(self, user):
        stored = super().get_all_permissions_for_user(user)
        if not user.is_active or user.is_anonymous or user.is_superuser:
            return stored
        stored = list(stored)
        extra = []
        for grants in hooks.get_hooks(GRANTS_HOOK):
            extra.extend(grants(user, stored))
        return stored + extra

    def get_fences_for_user(self, user):
        """The `hub_page_fences` hook's fences for the user, computed once per user object (as Wagtail
        caches the grants): a hook function receives the user and every grant (stored and computed,
        see `is_stored`) and returns a list of `Fence`."""
        if not user.is_active or user.is_anonymous or user.is_superuser:
            return []
        cached = getattr(user, "_hub_page_fences", None)
        if cached is None:
            grants = list(self.get_cached_permissions_for_user(user))
            cached = user._hub_page_fences = [
                fence for fences in hooks.get_hooks(FENCES_HOOK) for fence in fences(user, grants)
            ]
        return cached

    def is_fenced(self, user, page):
        return any(fence.holds(page) for fence in self.get_fences_for_user(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if self.is_fenced(user, instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        # Wagtail's explorable_instances (explorer, admin search, explorer menu) builds on this one.
        pages = super().instances_user_has_any_permission_for(user, actions)
        for fence in self.get_fences_for_user(user):
            pages = pages.exclude(fence.q)
        return pages


def is_stored(grant):
    """A grant that follows the tree (a saved GroupPagePermission), not one computed by a hook."""
    return grant.pk is not None


def is_secretariat(user):
    """Whether the user is the secretariat (a moderator or superuser), kept on the user as Wagtail keeps
    its permission cache: a listing builds a tester per row."""
    cached = getattr(user, "_hub_is_secretariat", None)
    if cached is None:
        cached = user._hub_is_secretariat = bool(user.is_active and roles.is_moderator(user))
    return cached


class HubPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, knowing whether its user is the secretariat; no right at all on a page that the
    policy fences off for the user (a grant that reaches it through the tree does not count)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.fenced = bool(
            user.is_active
            and not user.is_superuser
            and isinstance(self.permission_policy, HubPagePermissionPolicy)
            and self.permission_policy.is_fenced(user, page)
        )
        if self.fenced:
            self.permissions = set()

    @cached_property
    def is_secretariat(self):
        return is_secretariat(self.user)


class GroupPagePermissionTester(HubPagePermissionTester):
    """An organisation's or chapter's own page is the root of its group's rights: its editors edit it
    (and a chapter's leads publish it), but only the secretariat deletes, moves, unpublishes or
    privacy-restricts it, so no editor can take the organisation or chapter off the site."""

    def can_delete(self, ignore_bulk=False):
        return self.is_secretariat and super().can_delete(ignore_bulk)

    def can_move(self):
        # Wagtail's can_move is can_delete(ignore_bulk=True); said again so an upgrade cannot lose it.
        return self.is_secretariat and super().can_move()

    def can_unpublish(self):
        return self.is_secretariat and super().can_unpublish()

    def can_set_view_restrictions(self):
        return self.is_secretariat and super().can_set_view_restrictions()
