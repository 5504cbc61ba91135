"""Build the demo hub from hub/demo/data.py. Safe to re-run: existing records are left as they are."""

from django.core.management.base import BaseCommand

from hub.demo.builder import ENTRY_FIELDS, DemoBuilder

__all__ = ["ENTRY_FIELDS", "Command"]


class Command(DemoBuilder, BaseCommand):
    help = "Create the demo site: members, chapters, glossary, papers and events (idempotent)."

    def handle(self, *args, **options):
        self.build()
