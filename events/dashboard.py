"""A chapter lead's dashboard: announce an event in one click, and the chapter's upcoming events.

Added by the `construct_homepage_panels` hook after the chapter's own page (members/dashboard.py).
Upcoming events are those of the chapter that end today or later, live or not, each with its state and,
for an event taking registrations on the hub, how many places are taken and how many wait (one query).
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component

from members.dashboard import chapters_of, page_states, starts_on_own_work

from .models import EventPage, Registration, start_of_today

LIMIT = 10


class ChapterEventsPanel(Component):
    name = "hub_chapter_events"
    template_name = "events/admin/dashboard_events.html"
    order = 30

    def __init__(self, chapters):
        self.chapters = chapters

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        keys = [chapter.translation_key for chapter in self.chapters]
        events = list(
            EventPage.objects.filter(chapter__translation_key__in=keys, end__gte=start_of_today())
            .select_related("locale", "chapter")
            .order_by("start")[:LIMIT]
        )
        states = page_states(events)
        taken = {}
        open_keys = [event.translation_key for event in events if event.registration_open]
        if open_keys:
            rows = (
                Registration.objects.filter(event_key__in=open_keys)
                .values("event_key", "status")
                .annotate(n=Count("pk"))
            )
            for row in rows:
                taken.setdefault(row["event_key"], {})[row["status"]] = row["n"]
        return {
            "new_pages": [
                {
                    "url": reverse("wagtailadmin_pages:add", args=("events", "eventpage", chapter.pk)),
                    "label": (
                        _("Announce an event of %(chapter)s") % {"chapter": chapter.title}
                        if len(self.chapters) > 1
                        else _("Announce an event")
                    ),
                }
                for chapter in self.chapters
                if chapter.permissions_for_user(user).can_add_subpage()
            ],
            "rows": [
                {
                    "event": event,
                    "state": states[event.pk],
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(event.pk,)),
                    "live_url": event.get_url(request) if event.live else None,
                    "registrations": (
                        {
                            "confirmed": taken.get(event.translation_key, {}).get(Registration.CONFIRMED, 0),
                            "waitlisted": taken.get(event.translation_key, {}).get(Registration.WAITLISTED, 0),
                            "url": reverse("events_event_registrations", args=(event.pk,)),
                        }
                        if event.registration_open
                        else None
                    ),
                }
                for event in events
            ],
        }


def chapter_events_panel(request, panels):
    """The `construct_homepage_panels` hook: a chapter lead's upcoming events."""
    if starts_on_own_work(request.user) and (chapters := chapters_of(request.user)):
        panels.append(ChapterEventsPanel(chapters))
