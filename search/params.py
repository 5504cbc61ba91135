"""The allow-list of search parameters: anything else is ignored, never an error.

The exceptions are the two that shape the facet lists, `all_facets` and `facet_limit`: a bad value
there is a broken link or a client's bug, so it raises BadSearchParameter (400 with a message).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

FACETS = ["type", "theme", "method", "sdg", "country", "year", "lang", "member"]
SORTS = ["relevance", "newest"]
MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 20
# A facet shows its FACET_LIMIT most frequent values and every selected one, with a link to all of
# them (`all_facets=<facet>`); `facet_limit` changes the number, up to MAX_FACET_LIMIT.
FACET_LIMIT = 15
MAX_FACET_LIMIT = 1000
# Facets with few values by nature, always listed whole: the five types and the 17 goals.
UNLIMITED_FACETS = {"type", "sdg"}

_SLUG = re.compile(r"^[-a-z0-9_]{1,120}$")
VALUE_PATTERNS = {
    "type": re.compile(r"^(member|chapter|term|paper|event|method|theme|collection)$"),
    "theme": _SLUG,
    "method": _SLUG,
    "sdg": re.compile(r"^(1[0-7]|[1-9])$"),
    "country": re.compile(r"^[A-Z]{2}$"),
    "year": re.compile(r"^(19|20|21)\d\d$"),
    "lang": re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$|^other$"),
    "member": _SLUG,
}


def clean_query(raw):
    """Printable text only (no control or direction marks), whitespace collapsed, length capped."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


class BadSearchParameter(ValueError):
    """A facet-list parameter with a value that means nothing: the view answers 400 with the message."""


def _facet_display(data):
    """(facet_limit, all_facets) from the request, or BadSearchParameter."""
    raw = data.get("facet_limit", "").strip()
    limit = FACET_LIMIT
    if raw:
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_FACET_LIMIT:
            raise BadSearchParameter(
                _("facet_limit must be a whole number from 1 to %(max)s.") % {"max": MAX_FACET_LIMIT}
            )
        limit = int(raw)
    expanded = []
    for name in data.getlist("all_facets")[: len(FACETS)]:
        name = name.strip().lower()
        if name not in FACETS:
            raise BadSearchParameter(_("all_facets must name a facet: %(facets)s.") % {"facets": ", ".join(FACETS)})
        if name not in expanded:
            expanded.append(name)
    return limit, expanded


@dataclass
class SearchParams:
    query: str = ""
    selected: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: str = "1"
    all_languages: bool = False
    facet_limit: int = FACET_LIMIT
    all_facets: list = field(default_factory=list)

    def limit_for(self, facet):
        """How many of `facet`'s most frequent values to list (None: all of them)."""
        if facet in UNLIMITED_FACETS or facet in self.all_facets:
            return None
        return self.facet_limit

    @classmethod
    def from_querydict(cls, data):
        selected = {}
        for facet in FACETS:
            values = []
            for raw in data.getlist(facet)[:MAX_VALUES_PER_FACET]:
                value = raw.strip().upper() if facet == "country" else raw.strip().lower()
                if VALUE_PATTERNS[facet].match(value) and value not in values:
                    values.append(value)
            if values:
                selected[facet] = values
        query = clean_query(data.get("q", ""))
        sort = data.get("sort", "")
        if sort not in SORTS:
            sort = "relevance" if query else "newest"
        facet_limit, all_facets = _facet_display(data)
        return cls(
            query=query,
            selected=selected,
            sort=sort,
            page=data.get("page", "1")[:12],
            all_languages=data.get("lang_scope") == "all",
            facet_limit=facet_limit,
            all_facets=all_facets,
        )

    def as_pairs(self, without=None, page=None, all_facets=None):
        """The state as (name, value) pairs for building links; `without` drops one (facet, value),
        `all_facets` replaces the list of facets shown whole."""
        pairs = [("q", self.query)] if self.query else []
        for facet, values in self.selected.items():
            pairs += [(facet, v) for v in values if (facet, v) != without]
        if self.sort != ("relevance" if self.query else "newest"):
            pairs.append(("sort", self.sort))
        if self.all_languages:
            pairs.append(("lang_scope", "all"))
        if self.facet_limit != FACET_LIMIT:
            pairs.append(("facet_limit", str(self.facet_limit)))
        pairs += [("all_facets", name) for name in (self.all_facets if all_facets is None else all_facets)]
        if page:
            pairs.append(("page", str(page)))
        return pairs
