"""Search documents for the corpus: the hub's own sync_page, its writes collected and done in bulk.

sync_page saves one document and its facet rows per page (update_or_create, delete, bulk_create,
then an index call): 10,000 round trips of each. Here it runs for every page as it is, except
that its `update_or_create` hands over the document's fields instead of saving, and the rows are
inserted in bulk afterwards; and, as the corpus has no view restrictions, `get_view_restrictions`
answers "none" without its per-page query. The fields therefore follow search/documents.py as it
changes; only the facet rows below repeat its few lines. `check_documents` then runs the real
sync_page on a sample and compares.
"""

import random
from contextlib import contextmanager, nullcontext
from types import SimpleNamespace
from unittest import mock

from django.db import transaction

from wagtail.models import Page, PageViewRestriction

from bench import config

PREFETCH = {
    "MemberPage": ["themes", "sectors"],
    "ChapterPage": ["themes", "lead_organisations", "partnerships", "programmes"],
    "GlossaryTermPage": ["themes", "related_terms"],
    "PaperPage": ["themes", "organisations", "methods", "sdgs", "data_sources"],
    "EventPage": ["themes", "organisers", "speakers", "methods"],
    "MethodPage": ["method"],
    "ThemePage": ["theme"],
    "ReadingListPage": ["items"],
}


class _Collected(Exception):
    """Raised in place of sync_page's first write, carrying what it would have written."""

    def __init__(self, fields):
        super().__init__()
        self.fields = fields


def _collect_fields(*, page_id, defaults):
    raise _Collected({"page_id": page_id, **defaults})


@contextmanager
def _no_view_restrictions():
    """With no PageViewRestriction at all, every page's restrictions are empty: say so without
    the per-page ancestor query (a third of sync_page's time)."""
    if PageViewRestriction.objects.exists():
        yield
        return
    with mock.patch.object(Page, "get_view_restrictions", lambda page: PageViewRestriction.objects.none()):
        yield


class _Recorder:
    """Stands in for search.documents._extract and keeps its last answer."""

    def __init__(self, extract):
        self.extract = extract
        self.last = None

    def __call__(self, page):
        self.last = self.extract(page)
        return self.last


def build_documents():
    """Every page's document and facet rows, in the memo a visitor's request reads through
    (hub.base.memo: the locales and view restrictions read once, not once per page)."""
    from django.test import RequestFactory

    from hub.base.memo import RequestMemoMiddleware

    return RequestMemoMiddleware(lambda _request: _build_documents())(RequestFactory().get("/"))


def _build_documents():
    from search import documents
    from search.models import SearchDocument, SearchFacet

    recorder = _Recorder(documents._extract)
    rows, facets, skipped = [], [], 0
    with (
        mock.patch.object(documents, "_extract", recorder),
        mock.patch.object(SearchDocument.objects, "update_or_create", _collect_fields),
        # Its transaction only wraps the writes collected instead: no savepoint round trips per page.
        mock.patch.object(documents, "transaction", SimpleNamespace(atomic=nullcontext)),
        _no_view_restrictions(),
    ):
        for model in documents.TYPES:
            related = ["locale"] + (["chapter"] if model.__name__ == "EventPage" else [])
            pages = model.objects.select_related(*related).prefetch_related(*PREFETCH[model.__name__]).order_by("pk")
            for page in pages.iterator(chunk_size=1000):
                try:
                    documents.sync_page(page)
                except _Collected as collected:
                    rows.append(SearchDocument(**collected.fields))
                else:
                    skipped += 1  # not searchable: sync_page removed it instead
                    continue
                # The facet rows as sync_page makes them.
                facets += [
                    SearchFacet(document_id=page.pk, facet=facet, value=str(value)[:120])
                    for facet, values in recorder.last[1].items()
                    for value in dict.fromkeys(values)
                    if value not in (None, "")
                ]
    SearchDocument.objects.bulk_create(rows, batch_size=500)
    SearchFacet.objects.bulk_create(facets, batch_size=2000)
    return {"documents": len(rows), "facets": len(facets), "not_searchable": skipped}


class _Rollback(Exception):
    pass


def check_documents(sample=25):
    """Run the hub's own sync_page on a sample of pages and compare with the bulk-built rows.

    In a transaction that is rolled back, so the corpus stays as built.
    """
    from search.documents import TYPES, sync_page
    from search.models import SearchDocument

    rng = random.Random(config.SEED)
    ids = []
    for model in TYPES:
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        ids += rng.sample(pks, min(len(pks), sample // len(TYPES) + 1))
    keys = [f.attname for f in SearchDocument._meta.concrete_fields if f.name != "updated_at"]

    def snapshot(document):
        if document is None:
            return None
        return ({key: getattr(document, key) for key in keys}, sorted(document.facets.values_list("facet", "value")))

    built = {pk: snapshot(SearchDocument.objects.filter(pk=pk).first()) for pk in ids}
    mismatches = []
    try:
        with transaction.atomic():
            for pk in ids:
                synced = snapshot(sync_page(Page.objects.get(pk=pk)))
                if synced != built[pk]:
                    mismatches.append((pk, built[pk], synced))
            raise _Rollback
    except _Rollback:
        pass
    if mismatches:
        pk, ours, theirs = mismatches[0]
        raise RuntimeError(
            f"{len(mismatches)} bulk-built search documents differ from sync_page, e.g. page {pk}:\n"
            f"bulk: {ours}\nsync_page: {theirs}"
        )
    return len(ids)
