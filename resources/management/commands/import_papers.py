"""Import action learning plans, solutions and experiments written as Markdown records as papers."""

from django.core.management.base import CommandError

from wagtail.models import Locale

from resources.importer import ImportSetupError, PaperImporter, default_parent, find_parent, get_locale
from resources.management.importing import EXTENSIONS, ImportCommand, find_files, read

__all__ = ["EXTENSIONS", "Command", "find_files", "read"]


class Command(ImportCommand):
    help = (
        "Import Markdown records (# Title, [[key:value]] metadata, > prompts and answers) as papers: one paper "
        "per file, updated in place when imported again. Pages are drafts submitted for moderation unless "
        "--publish is given."
    )
    user_help = (
        "user name to import as: only pages this user may edit (and publish, with --publish) are written, "
        "and revisions are theirs"
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--parent", help="id or URL path of the paper library (default: the locale's first)")
        parser.add_argument("--locale", help="language code of the papers (default: the parent's, else the default)")
        parser.add_argument("--publish", action="store_true", help="publish the papers instead of moderating them")
        self.add_user_argument(parser)

    def handle(self, *args, paths, dry_run, parent, locale, publish, user=None, **options):
        files = find_files(paths)
        importing_user = self.importing_user(user)
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
        importer = PaperImporter(parent_page, user=importing_user, publish=publish, dry_run=dry_run)
        self.run_import(importer, files, parent_page, dry_run, options["verbosity"])
