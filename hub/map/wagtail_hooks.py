from wagtail import hooks

from hub.base.sections import Section
from members.models import ChapterPage, MemberPage


@hooks.register("hub_page_sections")
def country_map_section(page, request):
    """A small map of the country at the top of a chapter's, or a member's headquarters', key facts."""
    if isinstance(page, ChapterPage):
        country = page.country
    elif isinstance(page, MemberPage) and page.headquarters:
        country = page.headquarters
    else:
        return None
    return Section("country_map", "hub/sections/country_map.html", {"country": country}, order=10, region="facts")
