from functools import partial

from wagtail import hooks

from hub.base.sections import Section

from .related import SHOWN_ON, related_pages


@hooks.register("hub_page_sections")
def related_section(page, request):
    """ "Related", the last section of papers, events, terms, member, chapter, method and theme pages;
    its query runs when the section renders (the template calls `related`)."""
    if not isinstance(page, SHOWN_ON):
        return None
    return Section("related", "search/sections/related.html", {"related": partial(related_pages, page)}, order=1000)
