"""Who asked to hear about what: subscribers (an address, a language) and their subscriptions.

Personal data: the admin shows it to moderators only (subscriptions.view_subscriber); it is never
indexed for search (no `index.Indexed`), never in the API, feeds or sitemaps, and it is exported and
erased per person through `hub.base.personal_data` (`manage.py personal_data`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_key():
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    # Part of every signed link: a new key (or a deleted subscriber) makes the old links worthless.
    key = models.CharField(max_length=40, default=new_key, editable=False)
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest at"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email


class Subscription(models.Model):
    """One thing a subscriber follows; `kind` says which, and the matching field holds the record."""

    class Kind(models.TextChoices):
        ALL = "all", _("Everything")
        PAPERS = "papers", _("New papers")
        EVENTS = "events", _("New events")
        THEME = "theme", _("Theme")
        METHOD = "method", _("Method")
        CHAPTER = "chapter", _("Chapter")
        MEMBER = "member", _("Member organisation")

    PAGE_KINDS = (Kind.CHAPTER, Kind.MEMBER)

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(_("follows"), max_length=10, choices=Kind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    theme = models.ForeignKey(
        "hub.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("theme")
    )
    method = models.ForeignKey(
        "hub.Method", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("method")
    )
    instant = models.BooleanField(
        _("as it happens"), default=False, help_text=_("A message for each new event of the chapter, not only weekly.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        record = self.page or self.theme or self.method
        return f"{self.get_kind_display()}: {record}" if record else self.get_kind_display()

    @property
    def record(self):
        return self.page or self.theme or self.method


class SentItem(models.Model):
    """A page a subscriber was told about (digest or as it happens), by translation: never twice."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="sent_items")
    translation_key = models.UUIDField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "translation_key"], name="subscriptions_sent_once")
        ]
