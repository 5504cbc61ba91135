from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_locales(sender, using="default", **kwargs):
    """A Locale for every configured content language: adding a language is a settings change."""
    from django.conf import settings

    from wagtail.models import Locale

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=code)


class HubConfig(AppConfig):
    """The base every content app stands on; label "hub" keeps its tables and migrations' names."""

    name = "hub.base"
    label = "hub"
    verbose_name = "CLD Hub"

    def ready(self):
        post_migrate.connect(ensure_locales, sender=self, dispatch_uid="hub-ensure-locales")

        from hub.base import patches, signals

        patches.apply()
        signals.connect()
