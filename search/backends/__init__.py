"""modelsearch's Elasticsearch-family backends with a timeout of their own for bulk indexing.

A visitor's search should fail fast when the engine is slow (TIMEOUT, 5 s, then the search page
answers 503), but `update_index` sends 500 documents a request, which a busy 2-core machine may
take longer than that to index. BULK_TIMEOUT (60 s by default) applies to those requests only.
"""


class BulkTimeoutMixin:
    bulk_timeout = 60

    def __init__(self, params):
        params = dict(params)
        self.bulk_timeout = params.pop("BULK_TIMEOUT", self.bulk_timeout)
        super().__init__(params)
