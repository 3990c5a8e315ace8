"""PostgreSQL only: drop the LIKE (varchar_pattern_ops) indexes Django builds beside a CharField's
db_index. The audit logs are searched by the exact course id only, and every history row an
import writes went into both indexes. SQLite has no such index. The model keeps db_index=True:
changing it makes Django rebuild the table on SQLite, which the history triggers naming it prevent.
"""

from django.db import migrations

# index name: table
LIKE_INDEXES = {
    "audit_changerecord_course_code_8a591ca3_like": "audit_changerecord",
    "audit_accessevent_course_code_eec23ca0_like": "audit_accessevent",
}


def drop_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in LIKE_INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def restore_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table in LIKE_INDEXES.items():
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("course_code" varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_triggers"),
    ]

    operations = [migrations.RunPython(drop_like_indexes, restore_like_indexes)]
