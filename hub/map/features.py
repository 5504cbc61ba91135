"""What the map shows: one GeoJSON feature per page and place, in the visitor's locale."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from hub.base.memo import default_locale
from hub.base.models import Theme
from hub.catalogue.links import with_entry_urls
from members.queries import chapters, members
from resources.queries import located_papers

from .countries import representative_point

KINDS = {"chapter": _("Chapter"), "member": _("Member organisation"), "paper": _("Paper")}
MAX_THEMES = 20
_SLUG = re.compile(r"^[-a-z0-9_]{1,120}$")


@dataclass
class MapFilters:
    """The allow-listed filters of /map/ and its GeoJSON: unknown values are dropped, never an error."""

    kinds: list = field(default_factory=list)
    themes: list = field(default_factory=list)

    @classmethod
    def from_querydict(cls, data):
        kinds = [kind for kind in KINDS if kind in {value.strip().lower() for value in data.getlist("kind")}]
        themes = []
        for raw in data.getlist("theme")[:MAX_THEMES]:
            value = raw.strip().lower()
            if _SLUG.match(value) and value not in themes:
                themes.append(value)
        return cls(kinds=kinds, themes=themes)

    def as_pairs(self):
        return [("kind", kind) for kind in self.kinds] + [("theme", theme) for theme in self.themes]

    def wants(self, kind):
        return not self.kinds or kind in self.kinds


def _pages(queryset, filters):
    if filters.themes:
        queryset = queryset.filter(themes__slug__in=filters.themes).distinct()
    return queryset.select_related("locale").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("id", "slug"), to_attr="map_themes")
    )


def _feature(page, kind, code, request, locale, point=None, **extra):
    lng, lat = point or representative_point(code)
    properties = {
        "kind": kind,
        "title": page.title,
        "url": page.get_url(request),
        "country": code or None,
        "themes": sorted({theme.slug for theme in page.map_themes}),
        # Pages nobody has translated yet are shown in their source language, and say so.
        "language": page.locale.language_code if page.locale_id != locale.pk else None,
        **extra,
    }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lng, 5), round(lat, 5)]},
        "properties": properties,
    }


def _placed(code):
    return bool(code) and representative_point(code) is not None


def map_features(locale, filters, request=None):
    """GeoJSON features of the live, public pages of `locale` (or their source page) that have a place.

    Chapters sit at their country, member organisations at their headquarters and at each country
    they work in, papers at their coordinates when given, else at each of their countries.
    A constant number of queries, whatever the number of pages.
    """
    features = []
    if filters.wants("chapter"):
        for page in _pages(chapters(locale), filters):
            if _placed(page.country.code):
                features.append(_feature(page, "chapter", page.country.code, request, locale))
    if filters.wants("member"):
        for page in _pages(members(locale), filters):
            headquarters = page.headquarters.code if page.headquarters else ""
            if _placed(headquarters):
                features.append(_feature(page, "member", headquarters, request, locale, role="headquarters"))
            for country in page.countries:
                if country.code != headquarters and _placed(country.code):
                    features.append(_feature(page, "member", country.code, request, locale, role="operation"))
    if filters.wants("paper"):
        for page in _pages(located_papers(locale), filters):
            codes = [country.code for country in page.countries]
            if page.latitude is not None and page.longitude is not None:
                point = (page.longitude, page.latitude)
                features.append(_feature(page, "paper", codes[0] if codes else "", request, locale, point=point))
                continue
            features.extend(_feature(page, "paper", code, request, locale) for code in codes if _placed(code))
    return features


def feature_collection(features):
    return {"type": "FeatureCollection", "features": features}


def places(features):
    """The features grouped as the map's markers and the list shows them: one group per country,
    plus one per exact point given by a paper. Sorted by country name in the active language."""
    groups = {}
    for feature in features:
        properties = feature["properties"]
        lng, lat = feature["geometry"]["coordinates"]
        code = properties["country"] or ""
        exact = properties["kind"] == "paper" and (lng, lat) != (representative_point(code) or ())
        key = f"at-{lng:.3f}-{lat:.3f}".replace(".", "_") if exact else code.lower()
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "id": f"place-{key}",
                "country": code,
                "name": str(countries.name(code)) if code else "",
                "exact": exact,
                "lng": lng,
                "lat": lat,
                "items": [],
            }
        group["items"].append({**properties, "kind_label": KINDS[properties["kind"]]})
    for group in groups.values():
        group["items"].sort(key=lambda item: (list(KINDS).index(item["kind"]), item["title"].casefold()))
        group["kinds"] = sorted({item["kind"] for item in group["items"]}, key=list(KINDS).index)
    return sorted(
        groups.values(), key=lambda group: (group["name"].casefold() or "\uffff", group["exact"], group["id"])
    )


def theme_options(locale, selected):
    """The themes to filter by, named in `locale` where translated, else in the default language, each
    with the URL of its theme page (None without one). One query."""
    default = default_locale()
    themes = Theme.objects.filter(locale__in=[locale.pk, default.pk]).only(
        "slug", "name", "locale_id", "translation_key"
    )
    options = {}
    for theme, url in with_entry_urls(themes, locale):
        if theme.locale_id == locale.pk or theme.slug not in options:
            options[theme.slug] = {
                "value": theme.slug,
                "label": theme.name,
                "selected": theme.slug in selected,
                "url": url,
            }
    return sorted(options.values(), key=lambda option: option["label"].casefold())
