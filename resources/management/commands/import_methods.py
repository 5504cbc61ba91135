"""Import open methods archives' Markdown files as catalogue method pages (resources/importer/methods.py)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from resources.importer import ImportSetupError, MethodImporter, default_catalogue, get_locale

from .import_papers import find_files, read


class Command(BaseCommand):
    help = (
        "Import methods, tools, tactics, principles and skills from an open methods archive ([[type:...]] lines, "
        "# Title, ## Overview, ## Purpose, ## How it works...) as method pages of the locale's methods catalogue: one "
        "page per file, updated in place when imported again. Pages are drafts submitted for moderation unless "
        "--publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders whose .md, .markdown and .txt files to import")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen and save nothing")
        parser.add_argument("--locale", help="language code of the methods (default: the default locale)")
        parser.add_argument("--publish", action="store_true", help="publish the pages instead of moderating them")
        parser.add_argument(
            "--source-url",
            default="",
            help="web address of the archive's folder: a page's source is this address plus its file name "
            "(unless the file gives a [[url:...]])",
        )
        parser.add_argument(
            "--user",
            help="user name to import as: only pages this user may edit (and publish, with --publish) are written "
            "(default: the system, with no permission checks)",
        )

    def handle(self, *args, paths, dry_run, locale, publish, source_url, user=None, **options):
        files = find_files(paths)
        importing_user = None
        if user:
            importing_user = get_user_model().objects.filter(username=user, is_active=True).first()
            if importing_user is None:
                raise CommandError(f"no user '{user}' (or the account is inactive)")
        try:
            catalogue = default_catalogue(get_locale(locale) if locale else Locale.get_default())
        except ImportSetupError as error:
            raise CommandError(str(error)) from None

        verbosity = options["verbosity"]
        if verbosity:
            action = "Checking" if dry_run else "Importing"
            self.stdout.write(f"{action} {len(files)} file(s) into '{catalogue.title}' (id {catalogue.pk})")

        def progress(number, total, result):
            if not verbosity and not result.failed:
                return
            line = f"[{number}/{total}] {result.name}: {result.describe()}"
            (self.stderr if result.failed else self.stdout).write(line)

        importer = MethodImporter(
            catalogue, user=importing_user, publish=publish, dry_run=dry_run, source_url_base=source_url
        )
        report = importer.run(((name, read(path)) for name, path in files), progress=progress)

        self.stdout.write(self.style.SUCCESS(report.summary()) if not report.failed else report.summary())
        if report.failed:
            details = "; ".join(f"{result.name}: {' '.join(result.errors)}" for result in report.failed)
            raise CommandError(f"{len(report.failed)} of {len(report.results)} file(s) failed: {details}")
