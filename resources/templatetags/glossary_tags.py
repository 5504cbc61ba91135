"""Template tags that apply the glossary to other pages: term links and "how we say it"."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from resources.linking import link_terms, matcher_for

register = template.Library()

SCRIPT_FLAG = "glossary_tooltips_script"


class GlossaryLinksNode(template.Node):
    def __init__(self, nodelist, page):
        self.nodelist = nodelist
        self.page = page

    def render(self, context):
        page = self.page.resolve(context) if self.page else None
        return link_glossary_terms(self.nodelist.render(context), page, context)


def link_glossary_terms(html, page, context):
    """`html` with the first mention of each glossary term linked (`page` never to itself).

    Other apps' pages get it through `{% page_text %}` (registered in resources/wagtail_hooks.py).
    """
    request = context.get("request")
    # Pages are served in their own locale, so the active language is the page's.
    matcher = matcher_for(get_language(), request)
    linked = link_terms(html, matcher, exclude_page_id=getattr(page, "pk", None))
    if linked is not html and not context.render_context.get(SCRIPT_FLAG):
        # Once per page: Escape dismisses tooltips (a static file, for a CSP without inline scripts).
        context.render_context[SCRIPT_FLAG] = True
        linked += format_html('<script src="{}" defer></script>', static("js/glossary-tooltips.js"))
    return mark_safe(linked)  # noqa: S308


@register.tag
def glossary_links(parser, token):
    """{% glossary_links page %}…body HTML…{% endglossary_links %}

    Links the first mention of each glossary term of the active language in the rendered body,
    leaving headings, links and code alone; `page` is never linked to itself. The body is already
    escaped HTML from the template; the filter only adds escaped links.
    """
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("glossary_links takes at most one argument, the page")
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryLinksNode(nodelist, parser.compile_filter(bits[1]) if len(bits) == 2 else None)


@register.simple_tag
def how_we_say_it(member):
    """The member's crosswalk row (see resources.crosswalk.how_we_say_it): no query once warm."""
    from resources.crosswalk import how_we_say_it as row

    return row(member)


@register.simple_tag(takes_context=True)
def glossary_file_url(context, glossary, route_name):
    """The URL of one of the glossary's files (skos.ttl, skos.jsonld)."""
    return glossary.file_url(route_name, context.get("request"))


@register.simple_tag(takes_context=True)
def glossary_route_url(context, glossary, route_name):
    """The URL of a sub-page of the glossary (crosswalk/)."""
    return glossary.get_url(context.get("request")) + glossary.reverse_subpage(route_name)
