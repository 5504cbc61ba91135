import datetime

from django.utils import timezone

import factory
import wagtail_factories

from events import models


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = models.EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Webinar on local coalitions {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "webinar"
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    time_zone = "America/Lima"
    format = "online"
    summary = "Chapter leads compare notes on working with municipalities."
    description = "<p>An hour of short talks and questions.</p>"

    class Meta:
        model = models.EventPage
