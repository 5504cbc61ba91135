"""RSS and Atom feeds of upcoming and recent events for the active language (/en/feeds/events.rss, ...).

A feed lists what the events page of that language lists: each event in the language
where translated, else in its source language.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.base.i18n import in_locale_or_source
from hub.base.memo import active_locale, public

from .ical import in_calendar_window
from .models import EventIndexPage, EventPage

FEED_LENGTH = 50


class EventsFeed(Feed):
    title = gettext_lazy("CLD Hub: events")
    description = gettext_lazy("Webinars, seminars and workshops of the movement and its country chapters.")

    def get_object(self, request):
        return active_locale()

    def link(self, locale):
        index = public(EventIndexPage.objects.live()).filter(locale=locale).first()
        return index.get_full_url() if index else "/"

    def items(self, locale):
        events = in_locale_or_source(public(EventPage.objects.live()), locale).select_related("chapter")
        return (
            in_calendar_window(events).order_by("-first_published_at", "-pk").prefetch_related("themes")[:FEED_LENGTH]
        )

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        when = _("%(start)s to %(end)s (%(zone)s)") % {
            "start": date_format(event.local_start, "DATETIME_FORMAT"),
            "end": date_format(event.local_end, "DATETIME_FORMAT"),
            "zone": event.time_zone,
        }
        lines = [when, event.summary]
        if event.recording_url:
            lines.append(_("Recording: %(url)s") % {"url": event.recording_url})
        return "\n".join(lines)

    def item_link(self, event):
        return event.get_full_url()

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at

    def item_categories(self, event):
        return [str(event.get_kind_display())] + [theme.name for theme in event.themes.all()]


class EventsAtomFeed(EventsFeed):
    feed_type = Atom1Feed
    subtitle = EventsFeed.description
