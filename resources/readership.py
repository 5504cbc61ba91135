"""Who reads a paper: the views of its page and the downloads of its attached documents.

The counting is hub/base/readership.py's (every page type, privately); this module turns its
daily counts into per-paper figures for the last 30 days and all time, and shows them to the
people who publish the papers: a dashboard panel (a member editor's organisation's papers; the
moderators' most read), a panel on each paper's edit page, and the moderators' full list and
CSV export (resources/readership_views.py). A document attached to two papers counts for both.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

from hub.base.readership import RECENT_DAYS, document_downloads, page_views, recent_since
from members import roles

MODERATOR_TOP = 10


@dataclass(frozen=True)
class PaperReadership:
    views_recent: int = 0
    views_total: int = 0
    downloads_recent: int = 0
    downloads_total: int = 0


def paper_readership(papers, since=None):
    """{paper pk: PaperReadership} for `papers` (a queryset, pages or pks): views of each paper's
    page and downloads of its attachments, since `since` (default: the last 30 days) and in all.
    Three queries, whatever the number of papers; a paper nobody read is absent (use .get(pk, ZERO))."""
    from .models import PaperAttachment

    pks = papers.values("pk") if isinstance(papers, QuerySet) else [getattr(paper, "pk", paper) for paper in papers]
    since = since or recent_since()
    views = page_views(pks, since)
    attached = PaperAttachment.objects.filter(page__in=pks)
    downloads = document_downloads(attached.values("document"), since)
    figures = {pk: [recent, total, 0, 0] for pk, (recent, total) in views.items()}
    for page_id, document_id in set(attached.values_list("page_id", "document_id")):
        recent, total = downloads.get(document_id, (0, 0))
        row = figures.setdefault(page_id, [0, 0, 0, 0])
        row[2] += recent
        row[3] += total
    return {pk: PaperReadership(*row) for pk, row in figures.items()}


ZERO = PaperReadership()


def readership_rows(papers, since=None):
    """[(paper, PaperReadership)] in the order of `papers` (a list or a queryset it evaluates)."""
    papers = list(papers)
    figures = paper_readership(papers, since)
    return [(paper, figures.get(paper.pk, ZERO)) for paper in papers]


def most_read_papers(limit=MODERATOR_TOP, since=None):
    """Every paper, most viewed in the last 30 days first (ties by title)."""
    from .models import PaperPage

    since = since or recent_since()
    recent = Sum("daily_counts__views", filter=Q(daily_counts__day__gte=since), default=0)
    papers = PaperPage.objects.annotate(recent_views=recent).select_related("locale")
    papers = papers.order_by("-recent_views", "title", "pk")
    return papers[:limit] if limit else papers


class ReadershipDashboardPanel(Component):
    """The moderators' "Most read papers" on the admin dashboard."""

    name = "paper_readership"
    template_name = "resources/admin/readership_panel.html"
    order = 150

    def __init__(self, rows, moderator):
        self.rows = rows
        self.moderator = moderator

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows, "moderator": self.moderator, "recent_days": RECENT_DAYS}


def dashboard_panel(user):
    """The moderators' "Most read papers" panel, or None: a member editor's own figures are columns of its
    papers panel (resources/dashboard.py)."""
    if roles.is_moderator(user):
        return ReadershipDashboardPanel(readership_rows(most_read_papers()), moderator=True)
    return None


class PaperReadershipPanel(Panel):
    """Views and downloads on a paper's edit page (not on the create page: nothing to count yet)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Readers"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "resources/admin/readership_edit_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["figures"] = paper_readership([self.instance.pk]).get(self.instance.pk, ZERO)
            context["recent_days"] = RECENT_DAYS
            return context
