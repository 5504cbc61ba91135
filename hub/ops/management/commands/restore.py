from django.core.management.base import BaseCommand, CommandError

from hub.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database and media directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the backup directory")
        parser.add_argument("--database", default="default")
        parser.add_argument("--force", action="store_true", help="replace a database and media that are not empty")

    def handle(self, directory, database, force, **options):
        try:
            manifest = restore(directory, database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {label}" for label, count in manifest["counts"].items())
        self.stdout.write(f"Restored {summary} and {manifest['media_files']} media files from {directory}")
        self.stdout.write("With a search engine, run `manage.py update_index` now: its indexes are not in backups.")
