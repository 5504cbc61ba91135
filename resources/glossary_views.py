"""Sub-pages of the glossary index: the crosswalk, the SKOS vocabulary and concept URIs."""

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from hub.base.cache import generation
from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public

from . import skos
from .crosswalk import FilterError, organisation_choices, parse_filters, theme_choices
from .crosswalk import crosswalk as crosswalk_table
from .linking import CACHE_TIMEOUT, current_version


def crosswalk(index, request):
    # The page's own context without its A-Z term list, which the crosswalk does not show.
    context = super(type(index), index).get_context(request)
    context["themes"] = theme_choices(page_locale(index))
    status = 200
    try:
        organisation_keys, theme_keys, chosen = parse_filters(request.GET, page_locale(index))
    except FilterError as error:
        context["error"] = str(error)
        context["chosen"] = {"organisation": "", "theme": ""}
        context["organisations"] = organisation_choices(page_locale(index))
        status = 400
    else:
        table = crosswalk_table(page_locale(index), organisation_keys, theme_keys)
        context.update(chosen=chosen, filtered=bool(organisation_keys or theme_keys), table=table)
        # Unfiltered, the table's columns are exactly the organisations one can choose.
        if organisation_keys is None and theme_keys is None:
            context["organisations"] = [(column.slug, column.title) for column in table.columns]
        else:
            context["organisations"] = organisation_choices(page_locale(index))
    return TemplateResponse(request, "resources/glossary_crosswalk.html", context, status=status)


def _vocabulary(request, kind, serialise, content_type):
    # The page-cache generation moves with any taxonomy change, which the export holds too.
    key = f"glossary:skos:{current_version()}:{generation()}:{kind}:{request.get_host()}:{request.scheme}"
    body = cache.get(key)
    if body is None:
        body = serialise(request)
        cache.set(key, body, CACHE_TIMEOUT)
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # open data, for in-browser vocabulary tools
    return response


def skos_turtle(index, request):
    return _vocabulary(request, "ttl", skos.turtle, "text/turtle; charset=utf-8")


def skos_jsonld(index, request):
    return _vocabulary(request, "jsonld", skos.json_ld, "application/ld+json; charset=utf-8")


def concept(index, request, key):
    """A concept URI resolves to the term's page in this glossary's language (or its source)."""
    from .models import GlossaryTermPage

    term = (
        in_locale_or_source(public(GlossaryTermPage.objects.live()), page_locale(index))
        .filter(translation_key=key)
        .first()
    )
    if term is None:
        raise Http404("No such concept")
    response = HttpResponseRedirect(term.get_url(request))
    response.status_code = 303  # See Other: the URI names the concept, the page describes it
    return response
