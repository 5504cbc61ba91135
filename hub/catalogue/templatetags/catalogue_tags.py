from django import template

from hub.catalogue.links import entry_url as _entry_url

register = template.Library()


@register.simple_tag
def entry_url(record, locale=None):
    """{% entry_url method as url %}: the URL of the record's method or theme page, or None."""
    return _entry_url(record, locale)


@register.inclusion_tag("catalogue/includes/record_links.html")
def record_links(records, locale=None):
    """Records as a comma-separated list, each linked to its catalogue page where there is one."""
    return {"items": [(record, _entry_url(record, locale)) for record in records]}
