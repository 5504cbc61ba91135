"""Country geometry computed once by `make vendor` (frontend/build.mjs) from Natural Earth via world-atlas.

data/countries.json is keyed by ISO 3166-1 numeric code, as world-atlas is; django-countries
translates the alpha-2 codes the models store.
"""

import functools
import json
from pathlib import Path

from django_countries import countries

DATA = Path(__file__).parent / "data" / "countries.json"


@functools.cache
def _atlas():
    with DATA.open(encoding="utf-8") as file:
        return json.load(file)


def _entry(code):
    numeric = countries.numeric(str(code), padded=True) if code else None
    return _atlas()["countries"].get(numeric) if numeric else None


def representative_point(code):
    """(lng, lat) inside the country's largest polygon, or None for a country the atlas lacks."""
    entry = _entry(code)
    return tuple(entry["point"]) if entry else None


def small_map(code):
    """Pre-projected SVG path data for a small map of the country among its neighbours, or None."""
    entry = _entry(code)
    if not entry:
        return None
    width, height = _atlas()["size"]
    return {
        "width": width,
        "height": height,
        "shape": entry["shape"],
        "context": entry["context"],
        "dot": entry.get("dot"),
    }
