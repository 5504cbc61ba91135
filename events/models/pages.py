"""The event pages: the events index, and an event with its registration and follow-up."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from rest_framework.fields import CharField

from hub.base.api_fields import CountryCodeField, LivePageField, LivePagesField, PeopleField, TaxonomyField
from hub.base.memo import page_locale
from hub.base.models import BasePage, FileRoutesMixin, IndexPage
from hub.base.rich_text import INLINE_FEATURES, RICH_TEXT_FEATURES
from hub.base.seo import (
    SCHEMA_CONTEXT,
    compact,
    image_url,
    movement_node,
    organisation_node,
    page_language,
    person_node,
)
from hub.base.utils import live_public_pages, paginate

TIME_ZONES = sorted((name, name.replace("_", " ")) for name in zoneinfo.available_timezones() if "/" in name)


def start_of_today():
    """Midnight at the start of today (UTC): an event that started or starts today is upcoming."""
    now = timezone.now()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


class EventIndexPage(IndexPage):
    intro = RichTextField(_("introduction"), blank=True, features=INLINE_FEATURES)

    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        from ..queries import past_events, upcoming_events

        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = upcoming_events(page_locale(self))
        context["past_events"] = paginate(request, past_events(page_locale(self)), per_page=10)
        return context


class EventPage(FileRoutesMixin, BasePage):
    KINDS = [
        ("webinar", _("Webinar")),
        ("seminar", _("Seminar")),
        ("side-event", _("Side event")),
        ("experience-sharing", _("Experience-sharing meeting")),
        ("workshop", _("Workshop")),
    ]
    FORMATS = [("online", _("Online")), ("in-person", _("In person")), ("hybrid", _("Hybrid"))]
    ATTENDANCE_MODES = {
        "online": "https://schema.org/OnlineEventAttendanceMode",
        "in-person": "https://schema.org/OfflineEventAttendanceMode",
        "hybrid": "https://schema.org/MixedEventAttendanceMode",
    }

    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default="webinar")
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONES,
        default="UTC",
        help_text=_("Where the event happens; times are shown in this zone."),
    )
    chapter = models.ForeignKey(
        "members.ChapterPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("chapter"),
        help_text=_("Leave empty for a movement-wide event."),
    )
    format = models.CharField(_("format"), max_length=10, choices=FORMATS, default="online")
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    speakers = ParentalManyToManyField("members.Person", blank=True, related_name="+", verbose_name=_("speakers"))
    organisers = ParentalManyToManyField(
        "members.MemberPage", blank=True, related_name="events", verbose_name=_("organising members")
    )
    themes = ParentalManyToManyField("hub.Theme", blank=True, verbose_name=_("themes"))
    methods = ParentalManyToManyField(
        "hub.Method",
        blank=True,
        verbose_name=_("methods"),
        help_text=_("The methods the event presents or trains people in: it shows on their pages."),
    )
    keywords = ClusterTaggableManager(through="hub.PageKeyword", blank=True, verbose_name=_("keywords"))

    # Registration on the hub (events/registrations.py).
    registration_open = models.BooleanField(
        _("take registrations on the hub"),
        default=False,
        help_text=_(
            "Visitors register with a form on this page. The online link is then sent to registrants only, "
            "never shown on the page."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When every place is taken, people join a waiting list."),
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the start."),
    )

    # Follow-up, after the event.
    followup_published = models.BooleanField(
        _("publish the follow-up"),
        default=False,
        help_text=_("Shows the recording, materials and key messages; registrants are e-mailed once, the first time."),
    )
    recording_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recording file"),
        help_text=_("Instead of a YouTube or Vimeo link."),
    )
    key_messages = RichTextField(_("key messages"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("time_zone")], heading=_("When")
        ),
        MultiFieldPanel(
            [FieldPanel("chapter"), FieldPanel("venue"), FieldPanel("country"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("speakers"),
        FieldPanel("organisers"),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_closes")]),
                FieldPanel("registration_url"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("followup_published"),
                FieldPanel("recording_url"),
                FieldPanel("recording_document"),
                InlinePanel("materials", label=_("Materials")),
                FieldPanel("key_messages"),
                InlinePanel("related_papers", label=_("Related papers")),
            ],
            heading=_("Follow-up"),
        ),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("methods"), FieldPanel("keywords")], heading=_("Taxonomy")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("venue"),
        index.FilterField("start"),
        index.FilterField("kind"),
        index.FilterField("format"),
        index.FilterField("chapter"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("kind"),
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("chapter", serializer=LivePageField()),
        APIField("format"),
        APIField("venue"),
        APIField("country", serializer=CountryCodeField()),
        APIField("online_url", serializer=CharField(source="joining_link", read_only=True)),
        APIField("registration_url"),
        APIField("recording_url"),
        APIField("summary"),
        APIField("description"),
        APIField("speakers", serializer=PeopleField()),
        APIField("organisers", serializer=LivePagesField()),
        APIField("themes", serializer=TaxonomyField()),
        APIField("methods", serializer=TaxonomyField()),
        APIField("keywords"),
    ]

    parent_page_types = ["events.EventIndexPage", "members.ChapterPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.time_zone and self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": _("Choose a time zone from the list.")})
        if self.registration_open and self.registration_url:
            raise ValidationError(
                {"registration_url": _("Leave the registration link empty when the hub takes the registrations.")}
            )
        if self.registration_closes and self.start and self.registration_closes > self.start:
            raise ValidationError({"registration_closes": _("Registration must close by the start of the event.")})

    def save(self, *args, **kwargs):
        # An event under a chapter page belongs to that chapter (or a translation of it): a chapter
        # lead cannot file an event into another chapter's listing through the chapter field.
        parent = self.get_parent() if self.path and self.depth else None
        under_chapter = parent is not None and parent.specific_class.__name__ == "ChapterPage"
        if under_chapter and (
            self.chapter_id is None
            or (self.chapter_id != parent.pk and self.chapter.translation_key != parent.translation_key)
        ):
            self.chapter_id = parent.pk
        return super().save(*args, **kwargs)

    def summary_text(self):
        return self.summary

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone or "UTC")

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def start_iso(self):
        """ISO 8601 with the event zone's offset and whole seconds, as every parser reads it (<time>, JSON-LD)."""
        return self.local_start.isoformat(timespec="seconds")

    @property
    def end_iso(self):
        return self.local_end.isoformat(timespec="seconds")

    @property
    def is_upcoming(self):
        return self.end >= start_of_today()

    @property
    def joining_link(self):
        """The online link, published only until the event is over: on the page, in the .ics, JSON-LD and API.

        An event that takes registrations on the hub sends it to its registrants only (events/registrations.py).
        """
        return self.online_url if self.online_url and self.is_upcoming and not self.registration_open else ""

    @property
    def registration_deadline(self):
        return self.registration_closes or self.start

    @property
    def takes_registrations(self):
        """Whether the registration form is open now."""
        return self.registration_open and timezone.now() < self.registration_deadline

    @property
    def recording_embed_url(self):
        """The player URL of a YouTube or Vimeo recording (frame-src allows both), else ""."""
        from ..followup import embed_url

        return embed_url(self.recording_url)

    @property
    def event_country(self):
        if self.country:
            return self.country
        return self.chapter.country if self.chapter else None

    @cached_property
    def speaker_list(self):
        return list(self.speakers.all())

    @cached_property
    def organiser_list(self):
        """The organising members whose pages are live and public."""
        return list(live_public_pages(self.organisers).order_by("title"))

    @path("event.ics/", name="ical")
    def ical(self, request):
        """This event as an iCalendar file, for "Add to calendar"."""
        from ..ical import event_calendar_response

        return event_calendar_response(self, request)

    @path("register/", name="register")
    def register(self, request):
        """The registration form's target (POST); the form itself is on the page."""
        from ..views import register

        return register(self, request)

    @path("registration/<str:token>/", name="registration")
    def registration(self, request, token):
        """A registrant's own page, from the signed link in their e-mails: cancel the registration."""
        from ..views import registration

        return registration(self, request, token)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ical_url"] = self.file_url("ical", request)
        if self.takes_registrations and "registration_form" not in context:
            from ..forms import RegistrationForm

            context["registration_form"] = RegistrationForm()
        context["register_url"] = self.get_url(request) + self.reverse_subpage("register")
        if self.registration_open:
            from ..registrations import places_left

            context["places_left"] = places_left(self)
        if self.followup_published:
            context["materials"] = [item.document for item in self.materials.select_related("document")]
            papers = Page.objects.filter(pk__in=[item.paper_id for item in self.related_papers.all()])
            context["related_papers"] = live_public_pages(papers)
        return context

    def structured_data(self, request):
        url = self.get_full_url(request)
        country = self.event_country
        locations = []
        if self.format != "online":
            place_name = self.venue or (str(country.name) if country else "")
            address = {"@type": "PostalAddress", "addressCountry": country.code} if country else None
            locations.append(compact({"@type": "Place", "name": place_name, "address": address}))
        if self.format != "in-person":
            # The joining link is published only until the event is over.
            locations.append({"@type": "VirtualLocation", "url": self.joining_link or url})
        organisers = [organisation_node(organisation, request) for organisation in self.organiser_list]
        if not organisers and self.chapter_id and self.chapter.live:
            organisers = [organisation_node(self.chapter, request)]
        return compact(
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "Event",
                "name": self.title,
                "description": self.summary,
                "url": url,
                "image": image_url(request, self.share_image),
                "inLanguage": page_language(),
                "startDate": self.start_iso,
                "endDate": self.end_iso,
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": self.ATTENDANCE_MODES.get(self.format),
                "location": locations[0] if len(locations) == 1 else locations,
                "organizer": organisers or [movement_node()],
                "performer": [person_node(person) for person in self.speaker_list],
                "recordedIn": {"@type": "CreativeWork", "url": self.recording_url} if self.recording_url else None,
            }
        )
