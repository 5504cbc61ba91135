from django.core.management.base import BaseCommand, CommandError

from members.onboarding import OnboardingError, onboard_member


class Command(BaseCommand):
    help = "Onboard a member organisation: draft page, editors' group, collection, permissions and a first editor."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The organisation's name (its page title)")
        parser.add_argument("--email", required=True, help="E-mail address of the first editor")

    def handle(self, name, email, **options):
        try:
            result = onboard_member(name, email)
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        report(self, result)


def report(command, result):
    style = command.style.WARNING if result.already_done else command.style.SUCCESS
    command.stdout.write(style(result.describe()))
    if result.password_link:
        command.stdout.write(f"Password-set link for {result.user.email}: {result.password_link}")
