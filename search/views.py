"""The hub's search: HTML page, the same as JSON, and autocomplete suggestions."""

import logging
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from django_countries import countries

from hub.base.memo import active_locale
from hub.base.models import Method, Theme
from hub.catalogue.links import entry_url

from .engine import SearchUnavailable, also_called, engine_backend, faceted_search, snippet
from .engine.base import facet_candidates
from .labels import FACET_TITLES, TYPE_LABELS, facet_labels
from .models import SearchDocument
from .params import FACET_LIMIT, FACETS, BadSearchParameter, SearchParams

logger = logging.getLogger(__name__)

PER_PAGE = 10
DATED_TYPES = {"paper", "event"}  # other pages' dates are publishing dates, not worth showing
JSON_RESULT_KEYS = ["title", "url", "type", "type_label", "snippet", "date", "countries", "language", "also_called"]
SORT_LABELS = [("relevance", gettext_lazy("Relevance")), ("newest", gettext_lazy("Newest first"))]


def _run(request):
    """(params, context) for a search request; raises SearchUnavailable when the engine is down."""
    params = SearchParams.from_querydict(request.GET)
    locale = active_locale()
    try:
        search = faceted_search(params, locale, page_size=PER_PAGE)
        page = Paginator(search.results, PER_PAGE).get_page(params.page)
        documents = list(page.object_list)
        counts = search.facet_counts()
    except DatabaseError as error:
        # A query the full-text parser cannot handle: show no results rather than fail.
        logger.warning("Search failed for %r: %s", params.query, error)
        raise SearchUnavailable from error
    facets = _facet_lists(params, counts, search.truncated, locale)
    results = [
        {
            "title": document.title,
            "url": document.url,
            "type": document.type,
            "snippet": snippet(document, params.query),
            "also_called": also_called(document, params.query),
            "type_label": str(TYPE_LABELS[document.type]).capitalize(),
            "date": document.date.date().isoformat() if document.date and document.type in DATED_TYPES else None,
            "date_value": document.date if document.type in DATED_TYPES else None,
            "countries": document.country_codes,
            "country_names": [str(countries.name(code)) for code in document.country_codes],
            "language": document.locale.language_code if params.all_languages else None,
        }
        for document in documents
    ]
    promotions = []
    if params.query and page.number == 1:
        Query.get(params.query).add_hit()
        promotions = list(
            SearchPromotion.objects.filter(query__query_string=Query.get(params.query).query_string)
            .select_related("page")
            .order_by("sort_order")
        )
    context = {"page_obj": page, "results": results, "facets": facets, "promotions": promotions}
    return params, {**context, "result_count": search.count()}


def _facet_lists(params, counts, truncated, locale):
    """Each facet's values as shown: its `params.limit_for(facet)` most frequent values and every
    selected one (counts exact either way), `more` when it has others (see `all_facets`)."""
    candidates = {
        facet: facet_candidates(counts[facet], params.limit_for(facet), params.selected.get(facet, []))
        for facet in FACETS
    }
    labels = facet_labels(candidates, locale)
    facets = []
    for facet in FACETS:
        selected = params.selected.get(facet, [])
        values = [
            {
                "value": value,
                "label": str(labels[facet].get(value, value)),
                "count": count,
                "selected": value in selected,
            }
            for value, count in candidates[facet].items()
            # An organisation with no label is unpublished or private: its slug would name it.
            if facet != "member" or value in labels[facet]
        ]
        limit = params.limit_for(facet)
        more = facet in truncated
        if limit is not None:
            ranked = sorted(values, key=lambda v: (-v["count"], v["value"]))
            top = {v["value"] for v in ranked[:limit]}
            more = more or len(ranked) > limit
            values = [v for v in values if v["value"] in top or v["selected"]]
        # Selected values stay visible even when nothing matches them any more.
        values += [
            {"value": v, "label": str(labels[facet].get(v, v)), "count": 0, "selected": True}
            for v in selected
            if v not in counts[facet]
        ]
        values.sort(key=_facet_order(facet))
        facets.append(
            {
                "name": facet,
                "title": str(FACET_TITLES[facet]),
                "values": values,
                "more": more,
                "expanded": facet in params.all_facets,
            }
        )
    return facets


def _facet_order(facet):
    if facet == "year":
        return lambda v: (not v["selected"], -int(v["value"]))
    if facet == "sdg":
        return lambda v: int(v["value"])
    return lambda v: (-v["count"], v["label"].casefold())


def _bad_parameter(request, error, as_json):
    if as_json:
        return JsonResponse({"error": str(error)}, status=400)
    return TemplateResponse(request, "search/bad_parameter.html", {"message": str(error)}, status=400)


def _facet_urls(params, facets, base=""):
    """Each facet's "show all" URL (when it has more values than shown) and "show fewer" URL."""
    for facet in facets:
        name = facet["name"]
        if facet["more"]:
            facet["all_url"] = base + "?" + urlencode(params.as_pairs(all_facets=[*params.all_facets, name]))
        if facet["expanded"]:
            others = [other for other in params.all_facets if other != name]
            facet["fewer_url"] = base + "?" + urlencode(params.as_pairs(all_facets=others))


def _unavailable(request, as_json):
    message = _("Search is unavailable at the moment. Please try again in a few minutes.")
    if as_json:
        return JsonResponse({"error": message}, status=503)
    return TemplateResponse(request, "search/unavailable.html", {"message": message}, status=503)


def _cache_headers(response, params):
    if params.query:
        add_never_cache_headers(response)
    else:
        patch_cache_control(response, public=True, max_age=60)
    response["X-Robots-Tag"] = "noindex"
    return response


def _entry_url(facet, slug):
    """The page describing the method or theme a filter names, in the visitor's language, or None."""
    model = {"method": Method, "theme": Theme}.get(facet)
    if model is None:
        return None
    return entry_url(model.objects.filter(slug=slug, locale=active_locale()).first())


@require_GET
def search(request):
    try:
        params, context = _run(request)
    except BadSearchParameter as error:
        return _bad_parameter(request, error, as_json=False)
    except SearchUnavailable:
        return _unavailable(request, as_json=False)
    _facet_urls(params, context["facets"])
    context["default_facet_limit"] = FACET_LIMIT
    active = [
        {
            "facet": facet["title"],
            "label": value["label"],
            "remove_url": "?" + urlencode(params.as_pairs(without=(facet["name"], value["value"]))),
            "about_url": _entry_url(facet["name"], value["value"]),
        }
        for facet in context["facets"]
        for value in facet["values"]
        if value["selected"]
    ]
    context.update({"params": params, "query": params.query, "active_filters": active, "sorts": SORT_LABELS})
    context["export_url"] = reverse("search:export") + "?" + urlencode(params.as_pairs())
    return _cache_headers(TemplateResponse(request, "search/search.html", context), params)


@require_GET
def search_api(request):
    try:
        params, context = _run(request)
    except BadSearchParameter as error:
        return _bad_parameter(request, error, as_json=True)
    except SearchUnavailable:
        return _unavailable(request, as_json=True)
    _facet_urls(params, context["facets"], base=request.path)
    page = context["page_obj"]
    data = {
        "query": params.query,
        "count": context["result_count"],
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "sort": params.sort,
        "results": [{key: result[key] for key in JSON_RESULT_KEYS} for result in context["results"]],
        "facets": {facet["name"]: facet["values"] for facet in context["facets"]},
        # Facets listing only their most frequent values (and the selected ones): the URL lists all.
        "facets_more": {facet["name"]: facet["all_url"] for facet in context["facets"] if facet["more"]},
        "promotions": [
            {
                "title": p.page.title if p.page else p.external_link_text,
                "url": p.page.url if p.page else p.external_link_url,
            }
            for p in context["promotions"]
        ],
    }
    return _cache_headers(JsonResponse(data, json_dumps_params={"ensure_ascii": False}), params)


@require_GET
def autocomplete(request):
    """Up to eight titles (glossary terms and in-house variants first) for the search box."""
    try:
        params = SearchParams.from_querydict(request.GET)
    except BadSearchParameter as error:
        return JsonResponse({"error": str(error)}, status=400)
    suggestions = []
    if len(params.query) >= 2:
        documents = SearchDocument.objects.filter(locale=active_locale())
        # On an engine, the hub's shared client: `documents.autocomplete()` would connect anew per keystroke.
        backend = engine_backend()
        try:
            found = backend.autocomplete(params.query, documents) if backend else documents.autocomplete(params.query)
            matches = list(found[:16])
        except DatabaseError as error:
            logger.warning("Autocomplete failed for %r: %s", params.query, error)
            matches = []
        except Exception as error:  # the engine being down must not break typing
            logger.warning("Autocomplete unavailable: %s", error)
            matches = []
        matches.sort(key=lambda d: d.type != "term")
        suggestions = [{"title": d.title, "url": d.url, "type": d.type} for d in matches[:8]]
    response = JsonResponse(
        {"query": params.query, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=300)
    return response
