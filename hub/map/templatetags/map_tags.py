from django import template

from hub.map.countries import small_map

register = template.Library()


@register.inclusion_tag("components/country_map.html")
def country_map(country):
    """A small inline SVG of `country` (a django-countries Country) among its neighbours; no JS."""
    code = getattr(country, "code", None)
    return {"map": small_map(code) if code else None, "name": getattr(country, "name", "")}
