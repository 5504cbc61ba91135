"""Registrations for events that take them on the hub (events/registrations.py has the workflow)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField

from .pages import EventPage


class Registration(models.Model):
    """One person's registration for an event (all translations of it: `event_key` is their translation_key).

    Personal data: seen by moderators and the event's chapter lead only (events/admin_views.py), never
    indexed or published, erased `HUB_REGISTRATION_RETENTION_DAYS` after the event, which keeps the row
    and its status so the counts survive (events/registrations.py).
    """

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    STATUSES = [(CONFIRMED, _("Confirmed")), (WAITLISTED, _("Waiting list")), (CANCELLED, _("Cancelled"))]

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    event_key = models.UUIDField(editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=CONFIRMED)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254, null=True)  # None once erased
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    accessibility = models.TextField(_("accessibility needs"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    followup_sent_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event_key", "email"], name="one_registration_per_address")]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"
