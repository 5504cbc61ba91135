"""A batch of uploaded records waiting for, or done by, the background import (resources/tasks.py):
papers into a paper library, or methods into a methods catalogue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """The files of one admin upload, kept until the import task has read them, and its report."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        PAPERS = "papers", _("Papers")
        METHODS = "methods", _("Methods")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PAPERS)
    # A paper library (or member page) for papers, a methods catalogue for methods.
    parent = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    dry_run = models.BooleanField(default=False)
    publish = models.BooleanField(default=False)
    # [{"name": ..., "data": base64 of the bytes}], so the importer reports bad encodings as it would
    # on disk; emptied when the import finishes (at most 100 files of 1 MB, or of 4 MB for methods).
    files = models.JSONField(default=list)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)  # ImportReport as a dict once finished
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"Import {self.pk} ({self.state})"

    @property
    def is_finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)
