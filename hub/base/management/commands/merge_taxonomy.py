"""Merge one taxonomy record into another: `manage.py merge_taxonomy method system-thinking systems-thinking`."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from wagtail.models import Locale

from hub.base.taxonomy_merge import KINDS, MergeError, kind_model, merge


class Command(BaseCommand):
    help = (
        "Merge a theme, method, sector or data source into another of its kind, in every language: "
        "its papers, events and other pages move, its names become alternative labels."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"one of {', '.join(KINDS)}")
        parser.add_argument("from_slug", help="slug of the record that goes away")
        parser.add_argument("into_slug", help="slug of the record that is kept")
        parser.add_argument("--locale", help="language of the slugs (default: the default locale)")
        parser.add_argument("--dry-run", action="store_true", help="say what would move; change nothing")

    def handle(self, kind, from_slug, into_slug, locale=None, dry_run=False, **options):
        try:
            model = kind_model(kind)
        except MergeError as error:
            raise CommandError(str(error)) from None
        if locale:
            found = Locale.objects.filter(language_code=locale).first()
            if found is None:
                raise CommandError(f"no locale '{locale}'")
        else:
            found = Locale.get_default()
        records = {}
        for slug in (from_slug, into_slug):
            records[slug] = model.objects.filter(slug=slug, locale=found).first()
            if records[slug] is None:
                raise CommandError(f"no {model._meta.verbose_name} with the slug '{slug}' in '{found.language_code}'")
        try:
            plan = merge(records[from_slug], records[into_slug], dry_run=dry_run)
        except MergeError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"the merge failed and nothing was changed: {error}") from None
        prefix = "Dry run, nothing changed: would merge " if dry_run else "Merged "
        self.stdout.write(self.style.SUCCESS(prefix + plan.describe()))
