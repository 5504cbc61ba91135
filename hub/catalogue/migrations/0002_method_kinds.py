from django.db import migrations

KINDS = ["method", "tool", "tactic", "principle", "skill"]


def add_kinds(apps, schema_editor):
    MethodKind = apps.get_model("catalogue", "MethodKind")
    for slug in KINDS:
        MethodKind.objects.get_or_create(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
