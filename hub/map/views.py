"""/map/ (an SVG world map with a server-rendered list of the same places) and its GeoJSON."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from hub.base.memo import active_locale

from .features import KINDS, MapFilters, feature_collection, map_features, places, theme_options


@require_GET
def map_page(request):
    filters = MapFilters.from_querydict(request.GET)
    locale = active_locale()
    features = map_features(locale, filters, request)
    query = urlencode(filters.as_pairs())
    context = {
        "filters": filters,
        "kinds": [
            {"value": value, "label": label, "selected": value in filters.kinds} for value, label in KINDS.items()
        ],
        "themes": theme_options(locale, filters.themes),
        "places": places(features),
        "feature_count": len(features),
        "geojson_url": reverse("map:features") + (f"?{query}" if query else ""),
        "tile_url": settings.HUB_MAP_TILE_URL,
        "tile_attribution": settings.HUB_MAP_TILE_ATTRIBUTION,
    }
    return TemplateResponse(request, "hub/map.html", context)


@require_GET
def features_geojson(request):
    filters = MapFilters.from_querydict(request.GET)
    features = map_features(active_locale(), filters, request)
    body = json.dumps(feature_collection(features), ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")
