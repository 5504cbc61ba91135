"""Admin: every paper's views and downloads, and the same as CSV; for moderators only.

Anyone else gets a 403 (not Wagtail's usual redirect to the dashboard, which a script fetching
the CSV would take for an empty export).
"""

import csv
import io

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from hub.base.readership import RECENT_DAYS
from members.roles import is_moderator

from .readership import ZERO, most_read_papers, paper_readership, readership_rows

PER_PAGE = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "title",
    "language",
    "live",
    "url",
    "organisations",
    f"views_last_{RECENT_DAYS}_days",
    "views_all_time",
    f"downloads_last_{RECENT_DAYS}_days",
    "downloads_all_time",
]


def _safe_cell(value):
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection advice)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _forbidden():
    return HttpResponseForbidden(
        _("Only moderators see the readership of every paper."), content_type="text/plain; charset=utf-8"
    )


class ModeratorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            return _forbidden()
        return super().dispatch(request, *args, **kwargs)


class PaperReadershipView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/admin/readership.html"
    page_title = _("Readership of papers")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(most_read_papers(limit=None), PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(page_obj=page, rows=readership_rows(page.object_list), recent_days=RECENT_DAYS)
        return context


def paper_readership_csv(request):
    """Every paper (each translation on its own row), most viewed in the last 30 days first."""
    if not is_moderator(request.user):
        return _forbidden()
    papers = list(most_read_papers(limit=None).prefetch_related("organisations"))
    figures = paper_readership(papers)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for paper in papers:
        numbers = figures.get(paper.pk, ZERO)
        organisations = "; ".join(sorted(organisation.title for organisation in paper.organisations.all()))
        writer.writerow(
            [
                _safe_cell(paper.title),
                paper.locale.language_code,
                "yes" if paper.live else "no",
                paper.get_full_url(request) or "",
                _safe_cell(organisations),
                numbers.views_recent,
                numbers.views_total,
                numbers.downloads_recent,
                numbers.downloads_total,
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"paper-readership-{timezone.now().date().isoformat()}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
