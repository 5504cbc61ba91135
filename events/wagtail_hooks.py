from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.signals import page_published

from hub.base.memo import page_locale
from hub.base.models import HomePage
from hub.base.periodic import PeriodicJob
from hub.base.personal_data import PersonalData
from hub.base.sections import Section
from hub.catalogue.models import CatalogueEntryPage
from members import roles
from members.models import ChapterPage

from . import admin_views, followup, registrations, tasks
from .dashboard import chapter_events_panel
from .models import EventPage
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


# A chapter lead's dashboard announces events and lists the upcoming ones (events/dashboard.py).
hooks.register("construct_homepage_panels", chapter_events_panel)


@hooks.register("register_admin_urls")
def registration_urls():
    return [
        path("events/registrations/", admin_views.RegistrationIndexView.as_view(), name="events_registrations"),
        path(
            "events/registrations/personal-data/",
            admin_views.PersonalDataView.as_view(),
            name="events_personal_data",
        ),
        path(
            "events/<int:page_id>/registrations/",
            admin_views.EventRegistrationsView.as_view(),
            name="events_event_registrations",
        ),
        path(
            "events/<int:page_id>/registrations.csv",
            admin_views.registrations_csv,
            name="events_event_registrations_csv",
        ),
    ]


class RegistrationsMenuItem(MenuItem):
    """Shown to moderators and chapter leads, the people who may see some event's registrations."""

    def is_shown(self, request):
        user = request.user
        return roles.is_moderator(user) or user.groups.filter(name__startswith=roles.CHAPTER_LEADS_PREFIX).exists()


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return RegistrationsMenuItem(_("Registrations"), reverse("events_registrations"), icon_name="form", order=860)


class RegistrationsButton(PageMenuItem):
    label = _("Registrations")
    icon_name = "form"
    priority = 45

    def is_shown(self, user):
        return admin_views.may_see_registrations(user, self.page)

    @property
    def url(self):
        return reverse("events_event_registrations", args=[self.page.pk])


def _registrations_buttons(page, user, *args, **kwargs):
    if isinstance(page, EventPage) and page.registration_open:
        yield RegistrationsButton(page=page)


hooks.register("register_page_listing_more_buttons", _registrations_buttons)
hooks.register("register_page_header_buttons", _registrations_buttons)


def on_event_published(sender, instance, **kwargs):
    """A capacity that grew gives places to the waiting list; a follow-up published goes to registrants once."""
    if instance.registration_open and instance.is_upcoming:
        registrations.promote_locked(instance)
    if instance.followup_published:
        followup.announce(instance)


page_published.connect(on_event_published, sender=EventPage, dispatch_uid="events-registration-published")


@hooks.register("hub_periodic_jobs")
def registration_jobs():
    return [
        PeriodicJob("event-reminders", tasks.send_event_reminders),
        PeriodicJob("event-registrations-erasure", tasks.erase_registrations),
    ]


@hooks.register("hub_personal_data")
def registrant_data():
    return PersonalData(
        "event_registrations", export=registrations.personal_data, erase=registrations.delete_personal_data
    )
