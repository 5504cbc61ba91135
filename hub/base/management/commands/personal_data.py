"""Export (as JSON) or erase everything kept about one e-mail address (hub/base/personal_data.py)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from hub.base import personal_data


class Command(BaseCommand):
    help = "Export or erase the personal data kept about an e-mail address (subscriptions, registrations, ...)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("address")

    def handle(self, *args, action, address, **options):
        try:
            validate_email(address.strip())
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {address}") from error
        if action == "export":
            self.stdout.write(json.dumps(personal_data.export(address), indent=2, ensure_ascii=False))
        else:
            removed = personal_data.erase(address)
            self.stdout.write(json.dumps(removed))
