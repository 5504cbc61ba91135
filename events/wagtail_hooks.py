from wagtail import hooks

from hub.base.memo import page_locale
from hub.base.models import HomePage
from hub.base.sections import Section
from hub.catalogue.models import CatalogueEntryPage
from members.models import ChapterPage

from .queries import chapter_events, entry_events, upcoming_events


@hooks.register("hub_page_sections")
def event_sections(page, request):
    """Events on other apps' pages: the home page's next three, a chapter's upcoming and past events."""
    if isinstance(page, HomePage):
        return Section(
            "upcoming_events",
            "events/sections/home_events.html",
            {"upcoming_events": upcoming_events(page_locale(page), limit=3)},
            order=20,
        )
    if isinstance(page, ChapterPage):
        upcoming, past = chapter_events(page)
        return Section(
            "chapter_events", "events/sections/chapter_events.html", {"upcoming_events": upcoming, "past_events": past}
        )
    if isinstance(page, CatalogueEntryPage):
        upcoming, recent = entry_events(page)
        return Section(
            "entry_events",
            "events/sections/entry_events.html",
            {"upcoming_events": upcoming, "past_events": recent},
            order=30,
        )
    return None
