from django.core.management.base import BaseCommand

from search.documents import rebuild


class Command(BaseCommand):
    help = "Rebuild the search document of every live, public content page."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"{count} search documents rebuilt."))
