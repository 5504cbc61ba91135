"""Extended statistics on (facet, value) of the facet rows, for PostgreSQL's planner.

A selection is `document IN (rows with facet = f AND value IN (...))`. Without statistics on the
pair, PostgreSQL multiplies the two columns' selectivities: at 50,000 pages it expected 709 rows for
`type = paper` where there are 26,454, took two selections for one row, and joined them to 43,000
full-text matches in a nested loop (46 million comparisons, 8 s). With the MCV list and the
dependencies of the pair it estimates the rows and hashes the join: 1 s for the whole search.
PostgreSQL only; `ANALYZE` fills them (autovacuum does, and the migration does once).
"""

from django.db import migrations

NAME = "search_facet_value_stats"
TABLE = "search_searchfacet"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE STATISTICS IF NOT EXISTS "{NAME}" (mcv, dependencies) ON "facet", "value" FROM "{TABLE}"'
    )
    schema_editor.execute(f'ANALYZE "{TABLE}"')


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP STATISTICS IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facet_covering_index")]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
