"""The synthetic corpus: a hub of BENCH_PAGES content pages, built in bulk.

Publishing 10,000 pages one by one through `add_child` and revisions takes hours, so the
tree is planned in memory (treebeard paths, depth, numchild and url_path computed here),
inserted with multi-row INSERTs into `wagtailcore_page` and then into each page type's
table, and the ParentalManyToMany and inline rows follow in bulk. Search documents are
made with search.documents' own `_extract` over prefetched pages and inserted in bulk;
`sync_page` is then run on a sample to prove they are what publishing would have produced.
`update_index` builds the search index last.
"""

from .build import ensure, sample_pages
from .spec import COUNTRIES, STOP, SURNAMES

__all__ = ["COUNTRIES", "STOP", "SURNAMES", "ensure", "sample_pages"]
