"""Who may do what: the Moderators group, per-organisation and per-chapter groups, the moderation workflow.

Everything here is idempotent: `ensure_roles()` runs after every `migrate` (see apps.py), and the grant
functions are what onboarding calls. Permissions are Wagtail's own (GroupPagePermission on a subtree,
GroupCollectionPermission on a collection), so the admin's listings, choosers and searches apply them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

MODERATORS = "Moderators"
SECRETARIAT_REVIEW = "Secretariat review"
MEMBER_EDITORS_PREFIX = "Member editors: "
CHAPTER_LEADS_PREFIX = "Chapter leads: "
MEMBERS_COLLECTION = "Member organisations"
CHAPTERS_COLLECTION = "Country chapters"
ONBOARD_PERMISSION = "members.onboard_memberpage"
# Held by the Moderators group (and superusers) only: admin panels for the secretariat's eyes ask for it.
SECRETARIAT_PERMISSION = ONBOARD_PERMISSION

# Member editors edit their organisation's subtree and add papers to it; publishing goes through review.
MEMBER_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
# Chapter leads announce events at once: they publish in their chapter's subtree.
CHAPTER_LEAD_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "delete_page", "lock_page", "unlock_page")
MEDIA_ACTIONS = ("add", "change", "choose", "delete")
# The secretariat manages the glossary (pages, above) and the curated taxonomy and people records.
MODERATOR_MODEL_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in (
        ("hub", "theme"),
        ("hub", "method"),
        ("hub", "sector"),
        ("hub", "datasource"),
        ("members", "person"),
    )
    for action in ("add", "change", "delete", "view")
] + ["wagtailadmin.access_admin", ONBOARD_PERMISSION, "hub.view_mailfailure", "hub.delete_mailfailure"]


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", content_type__model="page", codename=codename)


def media_permissions():
    return [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in MEDIA_ACTIONS
    ]


def grant_page_permissions(group, page, codenames):
    """Grant `codenames` on `page` and on every translation of it (each locale has its own tree)."""
    permissions = [page_permission(codename) for codename in codenames]
    for copy in Page.objects.filter(translation_key=page.translation_key):
        for perm in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=copy, permission=perm)


def grant_collection_permissions(group, collection):
    for perm in media_permissions():
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)


def child_collection(parent, name):
    """The child of `parent` called `name`, created if missing."""
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)


def secretariat_workflow():
    return Workflow.objects.filter(name=SECRETARIAT_REVIEW).first()


def assign_secretariat_review(page):
    """Put a member index (and so every member's subtree, papers included) under the secretariat's review."""
    workflow = secretariat_workflow()
    if workflow is not None:
        # get_or_create: a workflow the secretariat later chose for this index is kept.
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


@transaction.atomic
def ensure_roles():
    """Create or complete the Moderators group and the "Secretariat review" workflow."""
    from members.models import MemberIndexPage

    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(*(permission(name) for name in MODERATOR_MODEL_PERMISSIONS))
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in MODERATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=moderators, page=root_page, permission=page_permission(codename)
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        grant_collection_permissions(moderators, root_collection)

    workflow = secretariat_workflow()
    if workflow is None:
        workflow = Workflow.objects.create(name=SECRETARIAT_REVIEW, active=True)
        task = GroupApprovalTask.objects.filter(name=SECRETARIAT_REVIEW).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=SECRETARIAT_REVIEW)
        task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Wagtail's default "Moderators approval" stays on the root (the library's importer submits to
    # it); the nearest assignment wins, so member subtrees get "Secretariat review". Chapter leads
    # hold publish permission, which lets them publish without submitting.
    for index in MemberIndexPage.objects.all():
        assign_secretariat_review(index)


def on_post_migrate(sender, using="default", **kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # Permissions of apps after this one are created by their own post_migrate; make sure they exist now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


def on_page_created(sender, instance, created, raw=False, **kwargs):
    """A new member index gets the review workflow; a new translation of a member or chapter page
    gets the same group permissions as the page it translates (e.g. wagtail-localize's copy)."""
    from members.models import MemberIndexPage

    if not created or raw:
        return
    if isinstance(instance, MemberIndexPage):
        assign_secretariat_review(instance)
        return
    source_permissions = (
        GroupPagePermission.objects.filter(page__translation_key=instance.translation_key)
        .exclude(page=instance)
        .values_list("group_id", "permission_id")
        .distinct()
    )
    for group_id, permission_id in source_permissions:
        GroupPagePermission.objects.get_or_create(group_id=group_id, page=instance, permission_id=permission_id)


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def organisation_group(page):
    """The member editors' group of a member page (found through its permissions, so renames keep it)."""
    return Group.objects.filter(
        name__startswith=MEMBER_EDITORS_PREFIX, page_permissions__page__translation_key=page.translation_key
    ).first()


def chapter_group(page):
    return Group.objects.filter(
        name__startswith=CHAPTER_LEADS_PREFIX, page_permissions__page__translation_key=page.translation_key
    ).first()
