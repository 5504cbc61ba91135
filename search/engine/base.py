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
