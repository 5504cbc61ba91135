"""GIN index for the PostgreSQL search backend's full-text filter.

modelsearch's PostgreSQL backend filters index entries with
``("title" || "body") @@ tsquery``; the per-column GIN indexes Wagtail creates
cannot serve that concatenated expression, so without this index every search
scans the whole entry table. PostgreSQL only: other databases are left alone.
"""

from django.db import migrations

INDEX_NAME = "hub_search_title_body_gin"
TABLE = "wagtailsearch_indexentry"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{INDEX_NAME}" ON "{TABLE}" USING gin (("title" || "body"))')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX_NAME}"')


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_sustainable_development_goals"),
        # creates the title/body tsvector columns on PostgreSQL
        ("wagtailsearch", "0006_customise_indexentry"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
