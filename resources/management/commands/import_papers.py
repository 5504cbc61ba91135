"""Import action learning plans, solutions and experiments written as Markdown records as papers."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from resources.importer import ImportSetupError, PaperImporter, default_parent, find_parent, get_locale

EXTENSIONS = {".md", ".markdown", ".txt"}


class Command(BaseCommand):
    help = (
        "Import Markdown records (# Title, [[key:value]] metadata, > prompts and answers) as papers: one paper "
        "per file, updated in place when imported again. Pages are drafts submitted for moderation unless "
        "--publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders whose .md, .markdown and .txt files to import")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen and save nothing")
        parser.add_argument("--parent", help="id or URL path of the paper library (default: the locale's first)")
        parser.add_argument("--locale", help="language code of the papers (default: the parent's, else the default)")
        parser.add_argument("--publish", action="store_true", help="publish the papers instead of moderating them")
        parser.add_argument(
            "--user",
            help="user name to import as: only pages this user may edit (and publish, with --publish) are written, "
            "and revisions are theirs (default: the system, with no permission checks)",
        )

    def handle(self, *args, paths, dry_run, parent, locale, publish, user=None, **options):
        files = find_files(paths)
        importing_user = None
        if user:
            importing_user = get_user_model().objects.filter(username=user, is_active=True).first()
            if importing_user is None:
                raise CommandError(f"no user '{user}' (or the account is inactive)")
        try:
            if parent:
                parent_page = find_parent(parent)
                if locale and parent_page.locale.language_code != locale:
                    raise ImportSetupError(
                        f"'{parent_page.title}' is in locale '{parent_page.locale.language_code}', not '{locale}'"
                    )
            else:
                parent_page = default_parent(get_locale(locale) if locale else Locale.get_default())
        except ImportSetupError as error:
            raise CommandError(str(error)) from None

        verbosity = options["verbosity"]
        if verbosity:
            action = "Checking" if dry_run else "Importing"
            self.stdout.write(f"{action} {len(files)} file(s) into '{parent_page.title}' (id {parent_page.pk})")

        def progress(number, total, result):
            if not verbosity and not result.failed:
                return
            line = f"[{number}/{total}] {result.name}: {result.describe()}"
            if result.failed:
                self.stderr.write(line)
            else:
                self.stdout.write(line)

        importer = PaperImporter(parent_page, user=importing_user, publish=publish, dry_run=dry_run)
        report = importer.run(((name, read(path)) for name, path in files), progress=progress)

        self.stdout.write(self.style.SUCCESS(report.summary()) if not report.failed else report.summary())
        if report.failed:
            details = "; ".join(f"{result.name}: {' '.join(result.errors)}" for result in report.failed)
            raise CommandError(f"{len(report.failed)} of {len(report.results)} file(s) failed: {details}")


def find_files(paths):
    """(name shown in the report, path) for every file given or found in a folder given."""
    files = []
    for argument in paths:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
            files += [(str(p), p) for p in found]
        elif path.exists():
            files.append((str(path), path))
        else:
            raise CommandError(f"no file or folder '{argument}'")
    if not files:
        raise CommandError("no .md, .markdown or .txt files found")
    return files


def read(path):
    """The file's bytes, or the error met reading it, which the importer reports as that file's failure."""
    try:
        return path.read_bytes()
    except OSError as error:
        return error
