"""The database cache table (settings.CACHES), where the WHO-5 link's rate limit counts failures,
so the limit is shared by every server process. Made here so `migrate` is the only step."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('brobygger_cache')}")


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0003_who5_wording")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
