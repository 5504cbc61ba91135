"""Export or delete what event registrations hold about one e-mail address, on that person's request.

    manage.py event_registrations_personal_data export ana@example.org > ana.json
    manage.py event_registrations_personal_data delete ana@example.org

The same service functions as the admin's Registrations → personal data view (events/registrations.py).
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from events import registrations


class Command(BaseCommand):
    help = "Export (as JSON) or delete the event registrations of one e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "delete"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email!r}") from error
        if action == "export":
            data = {"registrations": registrations.personal_data(email)}
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            deleted = registrations.delete_personal_data(email)
            self.stdout.write(f"Deleted {deleted} registration(s) of {email.strip().lower()}.")
