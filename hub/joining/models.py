"""Membership applications and chapter join requests (joining/services.py has the workflow).

An application holds personal data (the contact person, the address, the exchange with the
secretariat) until `erase_decided` blanks it HUB_APPLICATION_RETENTION_DAYS after the decision,
keeping the organisation's name and the decision.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField


class MembershipApplication(models.Model):
    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Unconfirmed")
        REVIEW = "review", _("Awaiting review")
        QUESTION = "question", _("Question asked")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    class Size(models.TextChoices):
        SMALL = "1-10", _("1 to 10 staff")
        MEDIUM = "11-50", _("11 to 50 staff")
        LARGE = "51-250", _("51 to 250 staff")
        LARGER = "251-1000", _("251 to 1,000 staff")
        HUGE = "1000+", _("More than 1,000 staff")

    class Contribution(models.TextChoices):
        LANGUAGE = "language", _("A shared language: describing our work in the movement's terms")
        KNOWLEDGE = "knowledge", _("Webinars and papers that share our methods")
        CHAPTERS = "chapters", _("Country chapters: our field teams build or join one")
        ADVOCACY = "advocacy", _("Advocacy and campaigns for community-led development")

    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.UNCONFIRMED)
    organisation = models.CharField(_("organisation"), max_length=255)
    registered_in = CountryField(_("country of registration"), blank=True)
    countries = CountryField(_("countries of work"), multiple=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    sector = models.ForeignKey(
        "hub.Sector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("sector")
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    commitment_url = models.URLField(_("link to the public commitment"), blank=True)
    commitment = models.TextField(_("statement of commitment"), blank=True)
    contributions = models.JSONField(_("contributions"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    created = models.DateTimeField(_("applied at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    question = models.TextField(_("question to the applicant"), blank=True)
    answer = models.TextField(_("applicant's answer"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason for the decision"), blank=True)
    member_page = models.ForeignKey(
        "members.MemberPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")

    def __str__(self):
        return self.organisation

    def contribution_labels(self):
        labels = dict(self.Contribution.choices)
        return [labels[c] for c in self.contributions if c in labels]


class ChapterMembership(models.Model):
    """A member organisation that belongs to a country chapter (added when its lead approves a request)."""

    chapter = models.ForeignKey("members.ChapterPage", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("members.MemberPage", on_delete=models.CASCADE, related_name="+")
    since = models.DateField(_("member of the chapter since"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["chapter", "organisation"], name="joining_chaptermembership_unique")
        ]
        verbose_name = _("chapter membership")
        verbose_name_plural = _("chapter memberships")


class ChapterJoinRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    chapter = models.ForeignKey("members.ChapterPage", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("members.MemberPage", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    created = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created"]
        verbose_name = _("chapter join request")
        verbose_name_plural = _("chapter join requests")

    def __str__(self):
        return f"{self.organisation} → {self.chapter}"
