from django.core.management.base import BaseCommand, CommandError

from hub.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and media files into a new directory (see hub/ops/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new or empty directory to write the backup into")
        parser.add_argument("--database", default="default")

    def handle(self, directory, database, **options):
        try:
            manifest = backup(directory, database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {label}" for label, count in manifest["counts"].items())
        self.stdout.write(f"Backed up {summary} and {manifest['media_files']} media files to {directory}")
