"""Move the buffered view and download counts into the database: `manage.py flush_counts`."""

from django.core.management.base import BaseCommand

from hub.base.readership import flush_counts


class Command(BaseCommand):
    help = (
        "Move the page views and document downloads counted in the cache into the daily counts. "
        "Safe to run as often as wanted, and while another run is going on."
    )

    def handle(self, **options):
        moved = flush_counts()
        if moved is None:
            self.stdout.write("Another flush is running; nothing done.")
        else:
            self.stdout.write(f"{moved} views and downloads moved into the daily counts.")
