"""What the database and engine searches share."""

import re

from django.db.models import Q

from ..models import SearchFacet

# Only words reach the full-text engine: FTS5 and tsquery operators in user input are not syntax.
WORD = re.compile(r"\w+")


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
