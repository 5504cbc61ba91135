from wagtail import hooks
from wagtail.models import Page

from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public
from hub.base.models import HomePage
from hub.base.sections import Section

from .models import MethodIndexPage, ReadingListIndexPage, ReadingListPage, ThemeIndexPage

HOME_COLLECTIONS = 3


@hooks.register("hub_page_sections")
def catalogue_sections(page, request):
    """The home page's way into the catalogue: links to its methods and themes."""
    if isinstance(page, HomePage):
        indexes = list(
            public(Page.objects.child_of(page).live().type(MethodIndexPage, ThemeIndexPage)).order_by("path")
        )
        if indexes:
            return Section("catalogue", "catalogue/sections/home_catalogue.html", {"indexes": indexes}, order=5)
    return None


@hooks.register("hub_page_sections")
def collection_sections(page, request):
    """The home page's link to the curated collections, with the first few of them."""
    if not isinstance(page, HomePage):
        return None
    locale = page_locale(page)
    index = in_locale_or_source(public(ReadingListIndexPage.objects.live()), locale).first()
    if index is None:
        return None
    collections = in_locale_or_source(public(ReadingListPage.objects.live()), locale).order_by("path")
    return Section(
        "collections",
        "catalogue/sections/home_collections.html",
        {"collections_index": index, "collections": collections.select_related("locale")[:HOME_COLLECTIONS]},
        order=15,
    )
