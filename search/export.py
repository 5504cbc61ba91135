"""The current search as CSV (/<lang>/search/export.csv), for someone building a literature review.

Same parameters, allow-list, locale and documents (live, public pages only) as the page and the
JSON API; in result order, at most MAX_ROWS rows (the `X-Export-Row-Limit` header says so and
`X-Total-Results` how many matched). `limit` asks for fewer; a `limit` that is not a number
from 1 to MAX_ROWS is a 400. Cells that a spreadsheet would run as a formula are quoted with `'`.

Paper rows also give their `authors` (the paper's people, in the paper's order), `organisations`
(its publishing organisations whose pages are live and public, by name) and `doi`; several values
are joined with "; ". Other rows leave these cells empty. They are read for all the rows in two
queries, however many papers there are (`paper_details`).
"""

import csv
import io
import logging

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from members.queries import live_public_q
from resources.models import PaperPage

from .engine import SearchUnavailable, faceted_search
from .labels import TYPE_LABELS
from .params import BadSearchParameter, SearchParams
from .views import DATED_TYPES, _cache_headers, _unavailable

logger = logging.getLogger(__name__)

MAX_ROWS = 1000
COLUMNS = [
    "title",
    "url",
    "type",
    "type_label",
    "date",
    "countries",
    "language",
    "summary",
    "authors",
    "organisations",
    "doi",
]
NO_PAPER_DETAILS = {"authors": [], "organisations": [], "doi": ""}
SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell a spreadsheet shows as text, never runs (OWASP's CSV injection advice)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def paper_details(page_ids):
    """{page id: {"authors": [...], "organisations": [...], "doi": ...}} of these papers, in two queries."""
    if not page_ids:
        return {}
    details = {}
    # One row per author (or one row for a paper without authors): the outer join keeps every paper.
    rows = (
        PaperPage.objects.filter(pk__in=page_ids)
        .order_by("pk", "authors__sort_order", "authors__pk")
        .values_list("pk", "doi", "authors__person__name")
    )
    for page_id, doi, author in rows:
        paper = details.setdefault(page_id, {"authors": [], "organisations": [], "doi": doi})
        if author is not None:
            paper["authors"].append(author)
    # Publishers named only while their page is live and public, checked in the same query.
    publishers = (
        PaperPage.organisations.through.objects.filter(paperpage_id__in=list(details))
        .filter(live_public_q("memberpage__"))
        .order_by("memberpage__title")
        .values_list("paperpage_id", "memberpage__title")
    )
    for page_id, name in publishers:
        details[page_id]["organisations"].append(name)
    return details


def _limit(request):
    raw = request.GET.get("limit", str(MAX_ROWS))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ROWS:
        return None
    return int(raw)


@require_GET
def export_csv(request):
    limit = _limit(request)
    if limit is None:
        message = _("limit must be a whole number from 1 to %(max)d.") % {"max": MAX_ROWS}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    try:
        params = SearchParams.from_querydict(request.GET)
    except BadSearchParameter as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    try:
        search = faceted_search(params, Locale.get_active(), page_size=limit)
        documents = list(search.results[:limit])
        total = search.count()
    except DatabaseError as error:
        logger.warning("Search export failed for %r: %s", params.query, error)
        return _unavailable(request, as_json=True)
    except SearchUnavailable:
        return _unavailable(request, as_json=True)

    papers = paper_details([document.page_id for document in documents if document.type == "paper"])

    output = io.StringIO()
    output.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(output)
    writer.writerow(COLUMNS)
    for document in documents:
        dated = document.date and document.type in DATED_TYPES
        paper = papers.get(document.page_id, NO_PAPER_DETAILS)
        row = [
            document.title,
            request.build_absolute_uri(document.url),
            document.type,
            str(TYPE_LABELS[document.type]).capitalize(),
            document.date.date().isoformat() if dated else "",
            " ".join(document.country_codes),
            document.locale.language_code,
            document.summary,
            SEPARATOR.join(paper["authors"]),
            SEPARATOR.join(paper["organisations"]),
            paper["doi"],
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"cld-hub-search-{timezone.now():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Export-Row-Limit"] = str(MAX_ROWS)
    response["X-Total-Results"] = str(total)
    return _cache_headers(response, params)
