"""Import open methods archives' Markdown files as catalogue method pages (resources/importer/methods.py)."""

from django.core.management.base import CommandError

from wagtail.models import Locale

from resources.importer import ImportSetupError, MethodImporter, default_catalogue, get_locale
from resources.management.importing import ImportCommand, find_files


class Command(ImportCommand):
    help = (
        "Import methods, tools, tactics, principles and skills from an open methods archive ([[type:...]] lines, "
        "# Title, ## Overview, ## Purpose, ## How it works...) as method pages of the locale's methods catalogue: one "
        "page per file, updated in place when imported again. Pages are drafts submitted for moderation unless "
        "--publish is given."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--locale", help="language code of the methods (default: the default locale)")
        parser.add_argument("--publish", action="store_true", help="publish the pages instead of moderating them")
        parser.add_argument(
            "--source-url",
            default="",
            help="web address of the archive's folder: a page's source is this address plus its file name "
            "(unless the file gives a [[url:...]])",
        )
        self.add_user_argument(parser)

    def handle(self, *args, paths, dry_run, locale, publish, source_url, user=None, **options):
        files = find_files(paths)
        importing_user = self.importing_user(user)
        try:
            catalogue = default_catalogue(get_locale(locale) if locale else Locale.get_default())
        except ImportSetupError as error:
            raise CommandError(str(error)) from None
        importer = MethodImporter(
            catalogue, user=importing_user, publish=publish, dry_run=dry_run, source_url_base=source_url
        )
        self.run_import(importer, files, catalogue, dry_run, options["verbosity"])
