from django import template

from hub.catalogue.links import entry_url as _entry_url
from hub.catalogue.links import with_entry_urls

register = template.Library()


@register.simple_tag
def entry_url(record, locale=None):
    """{% entry_url method as url %}: the URL of the record's method or theme page, or None."""
    return _entry_url(record, locale)


@register.simple_tag
def entry_links(records, locale=None):
    """{% entry_links page.methods.all as methods %}: [(record, URL or None)], in one query;
    render them with catalogue/includes/record_links.html."""
    return with_entry_urls(records, locale)
