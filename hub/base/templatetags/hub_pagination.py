from django import template

register = template.Library()


@register.simple_tag
def page_query(request, number, param="page"):
    """The current query string with the page number replaced, so filters survive paging."""
    query = request.GET.copy()
    query[param] = number
    return query.urlencode()
