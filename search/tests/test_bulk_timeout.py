"""Bulk indexing waits for the engine longer than a visitor's search does (search/backends/)."""

import pytest

from hub.base.search_backend import engine_backend_settings

pytestmark = pytest.mark.django_db


def test_engine_settings_keep_searches_short_and_bulk_indexing_patient():
    params = engine_backend_settings("http://127.0.0.1:9201", "opensearch2", "x_")
    assert (params["TIMEOUT"], params["BULK_TIMEOUT"]) == (5, 60)
    assert params["BACKEND"] == "search.backends.opensearch2"


@pytest.mark.searchengine
def test_bulk_requests_use_the_bulk_timeout_not_the_search_timeout(tree, monkeypatch):
    from wagtail.search.backends import get_search_backend

    from resources.models import PaperPage

    papers = list(PaperPage.objects.live())
    assert papers
    backend = get_search_backend()
    index = backend.get_index_for_model(PaperPage)

    # A search timeout far too short for anything, a normal bulk timeout: indexing still works.
    patient = get_search_backend(TIMEOUT=0.0001, BULK_TIMEOUT=60)
    patient.add_bulk(PaperPage, papers)
    index.refresh()
    assert backend.search(papers[0].title, PaperPage).count() >= 1

    # And the other way round: the bulk request carries its own timeout to the engine. (Asking a
    # real engine to answer within 0.1 ms failed only most of the time: a small bulk request on an
    # idle machine could beat it. So the timeout each request carried is read on its way out.)
    hasty = get_search_backend(TIMEOUT=60, BULK_TIMEOUT=0.5)
    transport = hasty.es.transport
    send = transport.perform_request
    carried = []

    def recording(method, url, *args, params=None, **kwargs):
        carried.append((url.rsplit("/", 1)[-1], (params or {}).get("request_timeout")))
        return send(method, url, *args, params=params, **kwargs)

    monkeypatch.setattr(transport, "perform_request", recording)
    hasty.add_bulk(PaperPage, papers)
    bulk = [timeout for endpoint, timeout in carried if endpoint == "_bulk"]
    assert bulk and set(bulk) == {0.5}
