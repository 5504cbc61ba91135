from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

from . import BulkTimeoutMixin


class SearchBackend(BulkTimeoutMixin, Elasticsearch8SearchBackend):
    def bulk(self, client, actions, **kwargs):
        # elasticsearch 8 takes transport options through a copy of the client.
        return super().bulk(client.options(request_timeout=self.bulk_timeout), actions, **kwargs)
