"""Append-only audit tables and change history of the course tables, by database triggers."""

from django.db import migrations


def install(apps, schema_editor):
    from audit import guards

    # SQLite gets them from post_migrate once every migration of the run is done: later migrations
    # could not rebuild the course tables with them in place (audit/guards.py).
    if schema_editor.connection.vendor != "sqlite":
        guards.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from audit import guards

    guards.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_access_log"),
        ("courses", "0001_initial"),
        ("wellbeing", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
