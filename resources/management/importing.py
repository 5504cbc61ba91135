"""What `import_papers` and `import_methods` share: the common options, the user, the files and the report."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

EXTENSIONS = {".md", ".markdown", ".txt"}


class ImportCommand(BaseCommand):
    """A command that imports Markdown files with a `resources.importer` importer."""

    user_help = "user name to import as: only pages this user may edit (and publish, with --publish) are written"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders whose .md, .markdown and .txt files to import")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen and save nothing")

    def add_user_argument(self, parser):
        parser.add_argument("--user", help=self.user_help + " (default: the system, with no permission checks)")

    def importing_user(self, username):
        """The active user named, None without a name; CommandError for an unknown or inactive one."""
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no user '{username}' (or the account is inactive)")
        return user

    def run_import(self, importer, files, target, dry_run, verbosity):
        """Import `files` into `target` (the parent page), report each file, and fail if any file failed."""
        if verbosity:
            action = "Checking" if dry_run else "Importing"
            self.stdout.write(f"{action} {len(files)} file(s) into '{target.title}' (id {target.pk})")

        def progress(number, total, result):
            if not verbosity and not result.failed:
                return
            line = f"[{number}/{total}] {result.name}: {result.describe()}"
            (self.stderr if result.failed else self.stdout).write(line)

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
