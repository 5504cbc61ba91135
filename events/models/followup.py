"""What an event shares after it is over: its materials, related papers, and the once-only announcement."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from .pages import EventPage


class EventMaterial(Orderable):
    """A document shared after the event: slides, a report, a worksheet."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    panels = [FieldPanel("document")]


class EventRelatedPaper(Orderable):
    """A paper the event discussed; papers live in `resources`, a sibling app, so named by string."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_papers")
    paper = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("paper"))

    panels = [PageChooserPanel("paper", page_type="resources.PaperPage")]


class FollowUpAnnouncement(models.Model):
    """That an event's follow-up was published, once per event (all translations): `followup_first_published`
    (events/signals.py) goes out when this row is created, never again."""

    event_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
