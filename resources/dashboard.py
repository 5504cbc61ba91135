"""A member editor's dashboard lists its organisation's papers and starts a new one in one click.

The papers are exactly those the page permission policy lets the user edit (resources/permissions.py):
those naming the organisation, in the library or under its page, co-published, in every language. Each shows its state
(members/dashboard.py `page_states`). The panel is added by the `construct_homepage_panels` hook.

Beside each paper, `OrganisationPapersPanel.paper_metrics(papers)` gives its views and downloads over
the last 30 days and in all (resources/readership.py, three queries for the whole list); the template
renders them in resources/admin/includes/dashboard_paper_metrics.html under `metric_labels()`.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from members.dashboard import organisations_of, page_states, starts_on_own_work

from .models import PaperIndexPage, PaperPage
from .readership import RECENT_DAYS, ZERO, paper_readership

LIMIT = 30


def editable_papers(user):
    """The papers the user may edit, newest edit first."""
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    return (
        PaperPage.objects.filter(pk__in=editable.values("pk"))
        .select_related("locale")
        .order_by("-latest_revision_created_at", "title")
    )


def new_paper_url(user, organisation):
    """Where this user writes a new paper: under the organisation's page, else in the library; None if nowhere."""
    if organisation.permissions_for_user(user).can_add_subpage():
        return reverse("wagtailadmin_pages:add", args=("resources", "paperpage", organisation.pk))
    library = PaperIndexPage.objects.filter(locale_id=organisation.locale_id).first()
    if library is not None and library.permissions_for_user(user).can_add_subpage():
        return reverse("wagtailadmin_pages:add", args=("resources", "paperpage", library.pk))
    return None


class OrganisationPapersPanel(Component):
    name = "hub_organisation_papers"
    template_name = "resources/admin/dashboard_papers.html"
    order = 20

    def __init__(self, organisations):
        self.organisations = organisations

    def metric_labels(self):
        """Headers of the figures `paper_metrics` gives, in order."""
        return [
            ngettext("Views, last %(days)s day", "Views, last %(days)s days", RECENT_DAYS) % {"days": RECENT_DAYS},
            _("Views, all time"),
            ngettext("Downloads, last %(days)s day", "Downloads, last %(days)s days", RECENT_DAYS)
            % {"days": RECENT_DAYS},
            _("Downloads, all time"),
        ]

    def paper_metrics(self, papers):
        """{paper pk: [views recent, views total, downloads recent, downloads total]}."""
        figures = paper_readership(papers)
        return {
            paper.pk: [f.views_recent, f.views_total, f.downloads_recent, f.downloads_total]
            for paper in papers
            for f in [figures.get(paper.pk, ZERO)]
        }

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        papers = list(editable_papers(user)[: LIMIT + 1])
        more = len(papers) > LIMIT
        papers = papers[:LIMIT]
        states = page_states(papers)
        metrics = self.paper_metrics(papers)
        return {
            "new_pages": [
                {
                    "url": url,
                    "label": (
                        _("Write a new paper for %(organisation)s") % {"organisation": organisation.title}
                        if len(self.organisations) > 1
                        else _("Write a new paper")
                    ),
                }
                for organisation in self.organisations
                if (url := new_paper_url(user, organisation))
            ],
            "rows": [
                {
                    "paper": paper,
                    "state": states[paper.pk],
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(paper.pk,)),
                    "live_url": paper.get_url(request) if paper.live else None,
                    "metrics": metrics.get(paper.pk, []),
                }
                for paper in papers
            ],
            "metric_labels": self.metric_labels(),
            "more": more,
            "search_url": reverse("wagtailadmin_pages:search"),
        }


def organisation_papers_panel(request, panels):
    """The `construct_homepage_panels` hook: a member editor's papers, after its organisation's page."""
    if starts_on_own_work(request.user) and (organisations := organisations_of(request.user)):
        panels.append(OrganisationPapersPanel(organisations))
