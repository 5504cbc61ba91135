"""Upcoming and past events, decided in the database.

An event is upcoming until the end of the day it ends (UTC): one that
happens today is upcoming, never past.
"""

from django.db.models import Q

from hub.base.i18n import in_locale_or_source
from hub.base.memo import page_locale, public

from .models import EventPage, start_of_today


def _events(locale):
    return in_locale_or_source(public(EventPage.objects.live()), locale).select_related("chapter", "locale")


def upcoming_events(locale, limit=None):
    events = _events(locale).filter(end__gte=start_of_today()).order_by("start")
    return events[:limit] if limit else events


def past_events(locale):
    return _events(locale).filter(end__lt=start_of_today()).order_by("-start")


def chapter_events(chapter):
    events = public(EventPage.objects.live()).filter(chapter__translation_key=chapter.translation_key)
    events = in_locale_or_source(events, page_locale(chapter)).select_related("locale", "chapter")
    today = start_of_today()
    return events.filter(end__gte=today).order_by("start"), events.filter(end__lt=today).order_by("-start")[:10]


RELATION = {"method": "methods", "theme": "themes"}
ENTRY_EVENTS_SHOWN = 5


def entry_events(page):
    """(upcoming, recent) events on the method or theme of a catalogue page, in its language."""
    relation = RELATION[page.record_field]
    events = (
        _events(page_locale(page)).filter(**{f"{relation}__translation_key": page.record.translation_key}).distinct()
    )
    today = start_of_today()
    # The next few and the last few, in one query.
    upcoming = events.filter(end__gte=today).order_by("start").values("pk")[:ENTRY_EVENTS_SHOWN]
    recent = events.filter(end__lt=today).order_by("-start").values("pk")[:ENTRY_EVENTS_SHOWN]
    both = list(EventPage.objects.filter(Q(pk__in=upcoming) | Q(pk__in=recent)).select_related("chapter", "locale"))
    return (
        sorted((event for event in both if event.end >= today), key=lambda event: event.start),
        sorted((event for event in both if event.end < today), key=lambda event: event.start, reverse=True),
    )
