"""Calendar feeds (.ics): every event of the movement, and each chapter's events."""

from django.http import Http404
from django.utils.translation import gettext as _

from hub.base.memo import active_locale, public
from members.models import ChapterPage

from .ical import build_calendar, calendar_response, in_calendar_window, one_per_event
from .models import EventPage


def _feed_events(**filters):
    # Aliases repeat an event untranslated in another locale: the source stands for them.
    events = public(EventPage.objects.live()).filter(alias_of__isnull=True, **filters).select_related("chapter")
    return one_per_event(in_calendar_window(events), active_locale())


def events_calendar(request):
    """All upcoming and recent events, each once, in the visitor's language where translated."""
    calendar = build_calendar(_feed_events(), request, _("CLD Hub events"), "events")
    return calendar_response(calendar, "cld-hub-events.ics")


def chapter_calendar(request, slug):
    """The events of the chapter with this slug (in any language), as one calendar."""
    chapters = public(ChapterPage.objects.live()).filter(slug=slug)
    chapter = chapters.filter(locale=active_locale()).first() or chapters.first()
    if chapter is None:
        raise Http404("No such chapter")
    events = _feed_events(chapter__translation_key__in=chapters.values("translation_key"))
    name = _("%(chapter)s events · CLD Hub") % {"chapter": chapter.title}
    calendar = build_calendar(events, request, name, f"chapter-{chapter.translation_key}")
    return calendar_response(calendar, f"{slug}-events.ics")
