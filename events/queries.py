"""Upcoming and past events, decided in the database.

An event is upcoming until the end of the day it ends (UTC): one that
happens today is upcoming, never past.
"""

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
