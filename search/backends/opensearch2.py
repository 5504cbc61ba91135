from hub.base.search_backend import import_opensearchpy

import_opensearchpy()

from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend  # noqa: E402

from . import BulkTimeoutMixin  # noqa: E402


class SearchBackend(BulkTimeoutMixin, OpenSearch2SearchBackend):
    def bulk(self, client, actions, **kwargs):
        # opensearch-py reads a per-request timeout from the request's parameters.
        return super().bulk(client, actions, request_timeout=self.bulk_timeout, **kwargs)
