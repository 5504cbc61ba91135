"""`update_index` for the corpus, in bulk: what `manage.py update_index` does, made for 100,000 pages.

On the search engine, modelsearch's command pages through each model with OFFSET (every chunk reads
the rows before it again), sends 500 documents a request and waits for each request before building
the next, with the index refreshing every second during the load. Here, per index, as its rebuilder
does (a new index, then the alias moved onto it, so the documents and mapping are modelsearch's own):

- refresh is off while loading (`refresh_interval: -1`) and the index is refreshed once at the end;
- each model is read in primary-key order, `pk > last` per chunk (keyset), with the model's own
  `get_indexed_objects()` (its select_related / prefetch_related);
- documents go in requests of BULK_DOCUMENTS (at most BULK_BYTES), each sent from a thread while
  this process builds the next from the database, so the engine's JVM indexes one batch while
  Python builds the next (each gets one of the two cores).

With the database search backend (no engine) it is `update_index` itself. `check_index` then
compares the engine's document count with the database's, model by model.
"""

import time
from concurrent.futures import ThreadPoolExecutor

from django.core.management import call_command
from django.db import transaction

CHUNK = 1000  # rows read from the database at a time
BULK_DOCUMENTS = 2000  # documents per bulk request
BULK_BYTES = 20 * 1024 * 1024  # at most this much per bulk request
# Seconds for the index's settings and its refresh: a refresh of 100,000 documents on a busy machine
# outlasts the 5 s a visitor's search gets (modelsearch's own refresh uses that and timed out).
ADMIN_TIMEOUT = 600


def _rows(model):
    """The model's indexed objects in primary-key order, CHUNK at a time, without OFFSET."""
    queryset = model.get_indexed_objects().order_by("pk")
    last = None
    while True:
        chunk = list((queryset if last is None else queryset.filter(pk__gt=last))[:CHUNK])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].pk


def _batches(index, model):
    """Lists of BULK_DOCUMENTS bulk actions, built here (the database is read in this thread)."""
    mapping = index.mapping_class(model)
    batch = []
    for item in _rows(model):
        batch.append({"_index": index.name, "_id": mapping.get_document_id(item), **mapping.get_document(item)})
        if len(batch) == BULK_DOCUMENTS:
            yield batch
            batch = []
    if batch:
        yield batch


def _settings(backend, index, **values):
    backend.es.indices.put_settings(index=index.name, body={"index": values}, request_timeout=ADMIN_TIMEOUT)


def _load(backend, index, models, sender, send, counted):
    for model in models:
        index.add_model(model)
    _settings(backend, index, refresh_interval="-1")
    pending = None
    with transaction.atomic():  # one snapshot of the database, as update_index reads it
        for model in models:
            for batch in _batches(index, model):
                if pending is not None:
                    pending.result()  # one request in flight at a time; raises its error
                pending = sender.submit(send, batch)
                counted[model._meta.label] = counted.get(model._meta.label, 0) + len(batch)
    if pending is not None:
        pending.result()
    _settings(backend, index, refresh_interval=None)  # the default again
    backend.es.indices.refresh(index=index.name, request_timeout=ADMIN_TIMEOUT)


def index_in_bulk(log=print):
    """Index every indexed model; returns {"seconds": ..., "documents": {model label: count}}."""
    from modelsearch.index import get_indexed_models
    from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index
    from wagtail.search.backends import get_search_backend

    started = time.perf_counter()
    backend = get_search_backend()
    if not hasattr(backend, "es"):
        call_command("update_index", verbosity=0)
        return {"seconds": round(time.perf_counter() - started, 2), "documents": None, "method": "update_index"}

    def send(batch):
        # The backend's bulk helper (BULK_TIMEOUT per request); it raises if any document fails.
        backend.bulk(backend.es, batch, chunk_size=BULK_DOCUMENTS, max_chunk_bytes=BULK_BYTES)

    counted = {}
    with ThreadPoolExecutor(max_workers=1) as sender:
        for alias, models in group_models_by_index(backend, get_indexed_models()).items():
            rebuilder = backend.rebuilder_class(alias)
            index = rebuilder.start()
            try:
                _load(backend, index, models, sender, send, counted)
            except BaseException:
                index.delete()  # no half-filled index left behind (modelsearch's rebuild leaves one)
                raise
            rebuilder.finish()  # refresh (nothing left to do), then the alias moves to the new index
    seconds = round(time.perf_counter() - started, 2)
    log(f"  {sum(counted.values())} documents indexed in bulk in {seconds} s")
    return {"seconds": seconds, "documents": counted, "method": "bulk"}


def check_index(documents):
    """Each index of the engine holds exactly the documents sent to it (None without an engine)."""
    from django.apps import apps

    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    if documents is None or not hasattr(backend, "es"):
        return None
    sent = {}
    for label, count in documents.items():
        name = backend.get_index_for_model(apps.get_model(label)).name
        sent[name] = sent.get(name, 0) + count
    found = {name: backend.es.count(index=name)["count"] for name in sent}
    if found != sent:
        raise RuntimeError(f"the engine holds other document counts than were sent: {found} != {sent}")
    return sum(found.values())
