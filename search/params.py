"""The allow-list of search parameters: anything else is ignored, never an error."""

import re
import unicodedata
from dataclasses import dataclass, field

FACETS = ["type", "theme", "method", "sdg", "country", "year", "lang", "member"]
SORTS = ["relevance", "newest"]
MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 20

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


@dataclass
class SearchParams:
    query: str = ""
    selected: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: str = "1"
    all_languages: bool = False

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
        return cls(
            query=query,
            selected=selected,
            sort=sort,
            page=data.get("page", "1")[:12],
            all_languages=data.get("lang_scope") == "all",
        )

    def as_pairs(self, without=None, page=None):
        """The state as (name, value) pairs for building links; `without` drops one (facet, value)."""
        pairs = [("q", self.query)] if self.query else []
        for facet, values in self.selected.items():
            pairs += [(facet, v) for v in values if (facet, v) != without]
        if self.sort != ("relevance" if self.query else "newest"):
            pairs.append(("sort", self.sort))
        if self.all_languages:
            pairs.append(("lang_scope", "all"))
        if page:
            pairs.append(("page", str(page)))
        return pairs
