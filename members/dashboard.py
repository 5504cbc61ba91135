"""The admin dashboard of member editors and chapter leads opens on their organisation or chapter.

Each app adds its own panel through Wagtail's `construct_homepage_panels` hook, so no layer names a
higher one: members (this module) the organisation's and chapter's own page, resources the
organisation's papers (resources/dashboard.py), events the chapter's events (events/dashboard.py).
They find the user's pages with `organisations_of(user)` and `chapters_of(user)`, and describe a page's
state (draft, in review with whom, changes requested with the comment, live) with `page_states`.
The site summary ("1 Page, 0 Images") says nothing to these users and is left out for them.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail.permissions import policy_registry

from members.models import ChapterPage, MemberPage
from members.permissions import is_secretariat, is_stored


def _own_pages(user, model):
    """The `model` pages whose editors' group the user is in (its stored "change" grants), one per
    translation, in the admin's language when the page has it. Cached on the user, as Wagtail caches
    its permissions: the panels of one dashboard ask several times."""
    cache = f"_hub_own_{model._meta.model_name}"
    if hasattr(user, cache):
        return getattr(user, cache)
    pages = []
    if user.is_active and not user.is_superuser:
        content_type = ContentType.objects.get_for_model(model).pk
        grants = policy_registry.get_by_type(Page).get_cached_permissions_for_user(user)
        ids = {
            grant.page_id
            for grant in grants
            if is_stored(grant)
            and grant.permission.codename == "change_page"
            and grant.page.content_type_id == content_type
        }
        if ids:
            language = translation.get_language() or ""
            chosen = {}
            for page in model.objects.filter(pk__in=ids).select_related("locale").order_by("title", "pk"):
                current = chosen.get(page.translation_key)
                if current is None or (
                    page.locale.language_code == language and current.locale.language_code != language
                ):
                    chosen[page.translation_key] = page
            pages = sorted(chosen.values(), key=lambda page: page.title)
    setattr(user, cache, pages)
    return pages


def organisations_of(user):
    """The member organisations whose pages the user edits as a member editor."""
    return _own_pages(user, MemberPage)


def chapters_of(user):
    """The chapters whose pages the user edits as a chapter lead."""
    return _own_pages(user, ChapterPage)


def starts_on_own_work(user):
    """A member editor or chapter lead, not the secretariat: the dashboard opens on its own pages."""
    if not user.is_active or is_secretariat(user):
        return False
    return bool(organisations_of(user) or chapters_of(user))


@dataclass(frozen=True)
class PageState:
    """Where a page stands, in words: `kind` is draft, in_review, changes_requested, live or live_changed."""

    kind: str
    label: str
    workflow: str = ""
    step: str = ""
    reviewers: str = ""
    comment: str = ""


LABELS = {
    "draft": _("Draft"),
    "in_review": _("In review"),
    "changes_requested": _("Changes requested"),
    "live": _("Live"),
    "live_changed": _("Live, with unpublished changes"),
}


def page_states(pages):
    """{page pk: PageState} for these pages, in two queries whatever their number (one when none is in review)."""
    pages = list(pages)
    if not pages:
        return {}
    page_type = ContentType.objects.get_for_model(Page).pk
    workflow_states = {
        int(state.object_id): state
        for state in WorkflowState.objects.active()
        .filter(base_content_type_id=page_type, object_id__in=[str(page.pk) for page in pages])
        .select_related("workflow", "current_task_state__task")
    }
    task_ids = {state.current_task_state.task_id for state in workflow_states.values() if state.current_task_state}
    reviewers = {}
    if task_ids:
        for task_id, name in Group.objects.filter(groupapprovaltask__in=task_ids).values_list(
            "groupapprovaltask", "name"
        ):
            reviewers.setdefault(task_id, []).append(name)
    states = {}
    for page in pages:
        state = workflow_states.get(page.pk)
        if state is not None:
            task_state = state.current_task_state
            task = task_state.task if task_state else None
            kind = "changes_requested" if state.status == WorkflowState.STATUS_NEEDS_CHANGES else "in_review"
            states[page.pk] = PageState(
                kind,
                LABELS[kind],
                workflow=state.workflow.name,
                step=task.name if task else "",
                reviewers=", ".join(sorted(reviewers.get(task.pk, []))) if task else "",
                comment=task_state.comment if task_state and kind == "changes_requested" else "",
            )
        else:
            kind = ("live_changed" if page.has_unpublished_changes else "live") if page.live else "draft"
            states[page.pk] = PageState(kind, LABELS[kind])
    return states


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


class OwnPagesPanel(Component):
    """An organisation's or chapter's own page: its state, editing it, seeing it on the site."""

    template_name = "members/admin/dashboard_own_pages.html"

    def __init__(self, pages, heading, edit_label, order):
        self.pages = pages
        self.heading = heading
        self.edit_label = edit_label
        self.order = order
        self.name = f"hub_own_{pages[0].specific_class._meta.model_name}"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = page_states(self.pages)
        return {
            "panel_id": self.name.replace("_", "-"),
            "heading": self.heading,
            "rows": [
                {
                    "page": page,
                    "state": states[page.pk],
                    "edit_url": edit_url(page),
                    "edit_label": self.edit_label,
                    "live_url": page.get_url(request) if page.live else None,
                }
                for page in self.pages
            ],
        }


def own_pages_panels(request, panels):
    """The `construct_homepage_panels` hook: the organisation's and the chapter's page come first."""
    user = request.user
    if not starts_on_own_work(user):
        return
    if organisations := organisations_of(user):
        panels.append(OwnPagesPanel(organisations, _("Your organisation"), _("Edit the profile"), order=10))
    if chapters := chapters_of(user):
        panels.append(OwnPagesPanel(chapters, _("Your chapter"), _("Edit the chapter page"), order=11))


def hide_site_summary(request, summary_items):
    """The `construct_homepage_summary_items` hook: "1 Page, 0 Images" says nothing to one organisation's editor."""
    if starts_on_own_work(request.user):
        summary_items.clear()
