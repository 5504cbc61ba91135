"""Filters other apps apply to a page's rendered rich text, such as the glossary linking its terms.

`{% page_text page %}…{% endpage_text %}` (hub_tags) passes the rendered HTML through every
function registered under the `hub_text_filters` Wagtail hook, in registration order:

    @hooks.register("hub_text_filters")
    def link_terms(html, page, context):
        return html_with_links  # safe HTML: the escaped input plus the filter's own markup

so a page of a lower layer gets the behaviour of an app above it without naming that app.
"""

from wagtail import hooks

HOOK_NAME = "hub_text_filters"


def filter_text(html, page, context):
    """`html` after every registered filter; `page` is the page the text belongs to (or None)."""
    for hook in hooks.get_hooks(HOOK_NAME):
        html = hook(html, page, context)
    return html
