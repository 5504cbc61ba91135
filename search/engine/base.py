"""What the database and engine searches share."""

import re

from django.db.models import Q

from ..models import SearchFacet

# Only words reach the full-text engine: FTS5 and tsquery operators in user input are not syntax.
WORD = re.compile(r"\w+")


_shared = {}


def engine_backend():
    """The default search backend if it is an Elasticsearch-family engine, else None: one per
    process and configuration.

    modelsearch's `get_search_backend()` builds a new backend on every call, and with it a new
    engine client, so every search opened a new connection to the engine (a TCP, and for a remote
    engine a TLS, handshake). The hub's searches share one backend, whose client keeps its
    connections open and is safe to share between threads. Another WAGTAILSEARCH_BACKENDS (a test's
    settings) is another dict, and gets a backend of its own.
    """
    from modelsearch.conf import get_app_config
    from wagtail.search.backends import get_search_backend

    config = get_app_config().get_search_backend_config()["default"]
    shared = _shared.get("default")
    if shared is None or shared[0] is not config:
        backend = get_search_backend()
        # The config is kept with its backend, so that `is` cannot match a new dict at its address.
        shared = _shared["default"] = (config, backend if hasattr(backend, "es") else None)
    return shared[1]


class SearchUnavailable(Exception):
    """The search engine could not be reached; the view answers 503."""


def selection_filter(selected):
    """A Q on SearchDocument for every selected facet: OR within a facet, AND across facets."""
    condition = Q()
    for facet, values in selected.items():
        condition &= Q(pk__in=SearchFacet.objects.filter(facet=facet, value__in=values).values("document_id"))
    return condition


def variant_phrase(terms):
    """The query's words as one phrase: a glossary term one of whose in-house labels holds it comes
    first in relevance order, above pages that merely quote the label (see search/DESIGN.md)."""
    return " ".join(terms)


# Values read beyond a facet's limit, so that the list stays full when some have no label (an
# organisation that is unpublished or private is left out: its slug would name it).
LABEL_SLACK = 10
# The most values a facet shown whole lists (every organisation of a very large hub fits).
MAX_FACET_VALUES = 10_000


def facet_candidates(counts, limit, selected):
    """The values of one facet worth labelling: the `limit` + LABEL_SLACK most frequent (count, then
    value: the order the engine's terms aggregation uses) and every selected one. `limit` None: all."""
    if limit is None:
        return dict(counts)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: limit + LABEL_SLACK]
    chosen = dict(ranked)
    chosen.update({value: counts[value] for value in selected if value in counts})
    return chosen
