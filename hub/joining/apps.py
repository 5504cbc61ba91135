from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from hub.base.cache import invalidate_now_and_on_commit


def _membership_changed(sender, **kwargs):
    # A chapter page lists its member organisations: a cached one must not miss a new member.
    invalidate_now_and_on_commit()


class JoiningConfig(AppConfig):
    name = "hub.joining"
    label = "joining"
    verbose_name = _("Joining the movement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        membership = self.get_model("ChapterMembership")
        post_save.connect(_membership_changed, sender=membership, dispatch_uid="joining-cache-membership-saved")
        post_delete.connect(_membership_changed, sender=membership, dispatch_uid="joining-cache-membership-deleted")
