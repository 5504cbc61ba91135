import uuid

from django.conf import settings
from django.db import migrations


def create_sdgs(apps, schema_editor):
    from hub.base.sdgs import SDG_NAMES

    Locale = apps.get_model("wagtailcore", "Locale")
    SDG = apps.get_model("hub", "SDG")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for number, name in SDG_NAMES.items():
        if not SDG.objects.filter(number=number, locale=locale).exists():
            SDG.objects.create(number=number, name=name, locale=locale, translation_key=uuid.uuid4())


def remove_sdgs(apps, schema_editor):
    apps.get_model("hub", "SDG").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_sdgs, remove_sdgs)]
