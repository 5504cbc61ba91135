from wagtail import hooks
from wagtail.models import Page

from hub.base.memo import public
from hub.base.models import HomePage
from hub.base.sections import Section

from .models import MethodIndexPage, ThemeIndexPage


@hooks.register("hub_page_sections")
def catalogue_sections(page, request):
    """The home page's way into the catalogue: links to its methods and themes."""
    if isinstance(page, HomePage):
        indexes = public(Page.objects.child_of(page).live().type(MethodIndexPage, ThemeIndexPage)).order_by("path")
        return Section("catalogue", "catalogue/sections/home_catalogue.html", {"indexes": indexes}, order=5)
    return None
