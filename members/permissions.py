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
"""

from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from members import roles

GRANTS_HOOK = "hub_page_grants"


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
    """Wagtail's tester, knowing whether its user is the secretariat."""

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
