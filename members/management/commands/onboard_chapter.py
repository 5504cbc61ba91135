from django.core.management.base import BaseCommand, CommandError

from members.management.commands.onboard_member import report
from members.onboarding import OnboardingError, onboard_chapter


class Command(BaseCommand):
    help = "Onboard a country chapter: draft page, leads' group, collection, permissions and a first lead."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The chapter's name (its page title)")
        parser.add_argument("--email", required=True, help="E-mail address of the first chapter lead")
        parser.add_argument("--country", default="", help="Two-letter ISO country code; required for a new chapter")

    def handle(self, name, email, country, **options):
        try:
            result = onboard_chapter(name, email, country=country)
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        report(self, result)
