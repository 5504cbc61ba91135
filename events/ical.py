"""iCalendar (RFC 5545) for events: the site-wide feed, one feed per chapter and one file per event.

Times keep the event's own zone (DTSTART;TZID=America/Lima) with a VTIMEZONE for each zone used,
so a calendar shows the right hour whatever the visitor's zone. The UID comes from the page's
translation_key, which survives edits, moves and translation: one event, one UID.
"""

import datetime
import html

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from wagtail.models import Site

from icalendar import Calendar, Event

from .models import start_of_today

# Past events stay in the feeds this long, so a recording added afterwards reaches subscribers.
RECENT_DAYS = 90
PRODID = "-//Movement for Community-led Development//CLD Hub//EN"


def in_calendar_window(events):
    """Upcoming events and those that ended in the last RECENT_DAYS days, filtered in the database."""
    since = start_of_today() - datetime.timedelta(days=RECENT_DAYS)
    return events.filter(end__gte=since).order_by("start", "pk")


def one_per_event(events, locale):
    """Translations of an event share its UID: keep one, in `locale` when it exists."""
    chosen = {}
    for event in events:
        kept = chosen.get(event.translation_key)
        if kept is None or (event.locale_id == locale.pk and kept.locale_id != locale.pk):
            chosen[event.translation_key] = event
    return sorted(chosen.values(), key=lambda event: (event.start, event.pk))


def site_domain(request, page=None):
    """The host name UIDs are made with; without a request (a background task) the page's site's."""
    if request is None:
        site = page.get_site() if page is not None else None
        site = site or Site.objects.filter(is_default_site=True).first()
        return site.hostname if site else "localhost"
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().split(":")[0]


def event_uid(event, domain):
    return f"{event.translation_key}@{domain}"


def event_location(event, joining_link):
    """The venue for an event held in a place; else the joining link, published only until it is over."""
    if event.format != "online":
        country = event.event_country
        place = ", ".join(part for part in (event.venue, str(country.name) if country else "") if part)
        if place:
            return place
    return joining_link


def registrant_joining_link(event):
    """The online link as a registrant receives it (events/mails.py), while the event is not over."""
    return event.online_url if event.online_url and event.is_upcoming else ""


def event_description(event, url, joining_link):
    paragraphs = [event.summary]
    details = html.unescape(strip_tags(event.description)).strip()
    if details:
        paragraphs.append(details)
    links = []
    if joining_link:
        links.append(_("Join online: %(url)s") % {"url": joining_link})
    if event.registration_url and event.is_upcoming:
        links.append(_("Register: %(url)s") % {"url": event.registration_url})
    if event.recording_url:
        links.append(_("Recording: %(url)s") % {"url": event.recording_url})
    links.append(_("Details: %(url)s") % {"url": url})
    paragraphs.append("\n".join(links))
    return "\n\n".join(paragraphs)


def build_event(event, request, domain, registrant=False):
    """One VEVENT; for a `registrant` (the .ics attached to their e-mails) with the online link."""
    url = event.get_full_url(request)
    joining_link = registrant_joining_link(event) if registrant else event.joining_link
    vevent = Event.new(
        uid=event_uid(event, domain),
        summary=event.title,
        start=event.local_start,
        end=event.local_end,
        stamp=event.last_published_at or timezone.now(),
        url=url,
        description=event_description(event, url, joining_link),
        categories=[str(event.get_kind_display())],
    )
    vevent.add("status", "CONFIRMED")
    if event.first_published_at:
        vevent.add("created", event.first_published_at)
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    location = event_location(event, joining_link)
    if location:
        vevent.add("location", location)
    if event.recording_url:
        vevent.add("attach", event.recording_url)
    return vevent


def build_calendar(events, request, name, calendar_id, registrant=False):
    """A VCALENDAR of `events` with the VTIMEZONE of every zone their times use."""
    domain = site_domain(request, events[0] if events else None)
    # icalendar escapes line breaks in a VEVENT's text (vText) but writes NAME and X-WR-CALNAME
    # raw: a CR passes through and an LF fails its content-line check (a 500). A name is one line.
    calendar = Calendar.new(prodid=PRODID, name=" ".join(str(name).split()), uid=f"{calendar_id}@{domain}")
    calendar.add("calscale", "GREGORIAN")
    for event in events:
        calendar.add_component(build_event(event, request, domain, registrant=registrant))
    if events:
        # Transitions from a year before the first event to a year after the last are enough.
        first = min(event.local_start for event in events).date() - datetime.timedelta(days=366)
        last = max(event.local_end for event in events).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def calendar_response(calendar, filename, attachment=False):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


def event_calendar_response(event, request):
    """The .ics of one event, for "Add to calendar"."""
    calendar = build_calendar([event], request, event.title, f"event-{event.translation_key}")
    return calendar_response(calendar, f"{event.slug}.ics", attachment=True)


def registrant_calendar_file(event):
    """(filename, bytes, mimetype) of the event's .ics for a registrant's e-mail: the public calendar's UID,
    with the online link."""
    calendar = build_calendar([event], None, event.title, f"event-{event.translation_key}", registrant=True)
    return (f"{event.slug}.ics", calendar.to_ical(), "text/calendar")
