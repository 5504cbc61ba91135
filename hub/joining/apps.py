from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JoiningConfig(AppConfig):
    name = "hub.joining"
    label = "joining"
    verbose_name = _("Joining the movement")
    default_auto_field = "django.db.models.BigAutoField"
