"""Enqueue the periodic jobs every app registers (hub/base/periodic.py); cron runs it, hourly say."""

import time

from django.core.management.base import BaseCommand, CommandError

from hub.base.periodic import periodic_jobs


class Command(BaseCommand):
    help = "Enqueue the scheduled jobs (digests, reminders, clean-ups) that apps register under hub_periodic_jobs."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], metavar="NAME", help="Only this job (repeatable).")
        parser.add_argument("--list", dest="list_jobs", action="store_true", help="List the registered jobs and exit.")
        parser.add_argument(
            "--every", type=int, default=0, metavar="SECONDS", help="Keep running, once every SECONDS (make run)."
        )

    def handle(self, *args, only, list_jobs, every, **options):
        jobs = periodic_jobs()
        if list_jobs:
            for job in jobs:
                self.stdout.write(job.name)
            return
        unknown = set(only) - {job.name for job in jobs}
        if unknown:
            raise CommandError(f"Unknown job(s): {', '.join(sorted(unknown))}. --list shows them.")
        jobs = [job for job in jobs if not only or job.name in only]
        while True:
            for job in jobs:
                job.enqueue()
                if options["verbosity"] > 1:
                    self.stdout.write(f"enqueued {job.name}")
            if not every:
                return
            time.sleep(every)
