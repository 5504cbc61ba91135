"""A record of papers taken off the site, so harvesters learn of them (OAI-PMH deleted records)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaperWithdrawal(models.Model):
    """A paper page that was unpublished or deleted, until it is published again.

    Written by the signals in resources/signals.py; read by the OAI-PMH endpoint (resources/oai.py).
    The page may no longer exist, so it is kept by id, with the OAI sets it belonged to.
    """

    REASONS = [("unpublished", _("unpublished")), ("deleted", _("deleted"))]

    page_id = models.PositiveIntegerField(_("page id"), unique=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), db_index=True)
    reason = models.CharField(_("reason"), max_length=20, choices=REASONS)
    # " type:report theme:water org:village-voices ": spaces around each, for a portable `contains` filter.
    set_specs = models.TextField(_("OAI sets"), blank=True)

    class Meta:
        verbose_name = _("withdrawn paper")
        verbose_name_plural = _("withdrawn papers")

    def __str__(self):
        return f"{self.page_id} ({self.reason})"

    @property
    def set_spec_list(self):
        return self.set_specs.split()
