"""Building blocks for search-engine metadata: absolute URLs, schema.org nodes, safe JSON-LD.

Each page type builds its own JSON-LD in `structured_data(request)`; these helpers keep the
nodes they share (web page, organisation, person, country) the same everywhere.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

SCHEMA_CONTEXT = "https://schema.org"
MOVEMENT_NAME = "Movement for Community-led Development"

# Inside <script>, "</script>" or "<!--" in a title would end the element early.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def absolute_url(request, url):
    if url and url.startswith("/") and request is not None:
        return request.build_absolute_uri(url)
    return url


def image_url(request, image):
    """The original file of a Wagtail image: no rendition is generated (rendering never writes)."""
    return absolute_url(request, image.file.url) if image else None


def page_language():
    """The language of the page being served: Wagtail serves each locale's tree under its own prefix."""
    return get_language()


def compact(data):
    """Drop empty values so the JSON-LD says nothing rather than something blank."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def web_page_node(page, request, schema_type="WebPage"):
    return compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": schema_type,
            "name": page.seo_title or page.title,
            "url": page.get_full_url(request),
            "description": page.meta_description,
            "inLanguage": page_language(),
            "image": image_url(request, page.share_image),
        }
    )


def organisation_node(page, request):
    """A member organisation as a reference (name and hub page) inside another node."""
    return {"@type": "Organization", "name": page.title, "url": page.get_full_url(request)}


def movement_node():
    return {"@type": "Organization", "name": MOVEMENT_NAME}


def person_node(person):
    return compact(
        {
            "@type": "Person",
            "name": person.name,
            "jobTitle": person.role,
            "sameAs": f"https://orcid.org/{person.orcid}" if person.orcid else None,
        }
    )


def country_node(country):
    return {"@type": "Country", "name": str(country.name), "identifier": country.code}
