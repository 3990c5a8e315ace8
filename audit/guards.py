# ruff: noqa: S608  (trigger DDL built from constant table names and the database's own column names)
"""Database triggers: the audit tables refuse changes, and the course tables write their history.

Per vendor: PostgreSQL (production) and SQLite (demo and tests). `install` is idempotent.

When they are installed differs, because migrations meet them differently:
- PostgreSQL keeps them while migrations run (the audit migration installs them, post_migrate
  refreshes them): a deploy migrates while the old app still writes, and a data migration's
  changes belong in the history too.
- SQLite cannot migrate with them in place. To alter a table Django rebuilds it (create new__x,
  copy, drop x, rename new__x to x), and SQLite refuses the rename while another table's trigger
  names x (the course parts' triggers read courses_course, every history trigger writes
  audit_changerecord); it refuses ALTER TABLE DROP COLUMN for a column a trigger names, and the
  UPDATE triggers name every column. So pre_migrate drops them all and post_migrate installs them
  for the schema the migrations left (audit/apps.py); the audit migration leaves SQLite to
  post_migrate. Changes that data migrations make on SQLite are not in the history.
"""

# The database refuses to delete audit entries younger than this.
MINIMUM_RETENTION_DAYS = 180

GUARDED_TABLES = ("audit_accessevent", "audit_changerecord")
# Tables whose every insert, update (also bulk) and delete is recorded in audit_changerecord.
HISTORY_TABLES = (
    "courses_course",
    "courses_interventionrecord",
    "courses_referral",
    "courses_consent",
    "wellbeing_who5response",
)
SKIPPED_COLUMNS = {"id"}
TIME_COLUMN = {"audit_accessevent": "at", "audit_changerecord": "at"}

PG_GUARD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'The audit log is append-only: % cannot be updated', TG_TABLE_NAME;
    END IF;
    IF OLD."at" > now() - interval '{MINIMUM_RETENTION_DAYS} days' THEN
        RAISE EXCEPTION 'Entries of % younger than {MINIMUM_RETENTION_DAYS} days cannot be deleted', TG_TABLE_NAME;
    END IF;
    RETURN OLD;
END
$$;
"""

PG_HISTORY_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
    changed text := '';
    course bigint;
    code text;
BEGIN
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(string_agg(n.key, ',' ORDER BY n.key), '') INTO changed
          FROM jsonb_each(r) AS n WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) -> n.key);
        IF changed = '' THEN RETURN NULL; END IF;
    END IF;
    IF TG_TABLE_NAME = 'courses_course' THEN
        course := (r ->> 'id')::bigint;
        code := r ->> 'code';
    ELSE
        course := (r ->> 'course_id')::bigint;
        SELECT c.code INTO code FROM courses_course c WHERE c.id = course;
    END IF;
    INSERT INTO audit_changerecord ("at", table_name, row_id, operation, course_id, course_code, changed_fields)
    VALUES (now(), TG_TABLE_NAME, (r ->> 'id')::bigint, TG_OP, course, coalesce(code, ''), left(changed, 500));
    RETURN NULL;
END
$$;
"""

# Inserts are recorded once per statement from the inserted rows (a transition table): an import
# inserts tens of thousands of rows, and a row-level trigger cost PostgreSQL 50 microseconds a row.
PG_INSERTED_FUNCTIONS = """
CREATE OR REPLACE FUNCTION audit_record_course_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_changerecord ("at", table_name, row_id, operation, course_id, course_code, changed_fields)
    SELECT now(), TG_TABLE_NAME, n.id, 'INSERT', n.id, n.code, '' FROM inserted n;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION audit_record_course_part_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_changerecord ("at", table_name, row_id, operation, course_id, course_code, changed_fields)
    SELECT now(), TG_TABLE_NAME, n.id, 'INSERT', n.course_id, coalesce(c.code, ''), ''
      FROM inserted n LEFT JOIN courses_course c ON c.id = n.course_id;
    RETURN NULL;
END
$$;
"""


PG_FUNCTIONS = ("audit_refuse_change", "audit_record_change", "audit_record_course_inserts",
                "audit_record_course_part_inserts")


def _tables(connection):
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _columns(connection, table):
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _postgresql_sql(connection):
    existing = _tables(connection)
    sql = [PG_GUARD_FUNCTION, PG_HISTORY_FUNCTION, PG_INSERTED_FUNCTIONS]
    for table in GUARDED_TABLES:
        sql.append(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"')
        sql.append(
            f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()"
        )
    for table in HISTORY_TABLES:
        if table in existing:
            sql.append(f'DROP TRIGGER IF EXISTS {table}_history ON "{table}"')
            sql.append(f'DROP TRIGGER IF EXISTS {table}_history_insert ON "{table}"')
            sql.append(
                f'CREATE TRIGGER {table}_history AFTER UPDATE OR DELETE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION audit_record_change()"
            )
            inserted = "audit_record_course_inserts" if table == "courses_course" else "audit_record_course_part_inserts"
            sql.append(
                f'CREATE TRIGGER {table}_history_insert AFTER INSERT ON "{table}" REFERENCING NEW TABLE AS inserted '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {inserted}()"
            )
    return sql


def _sqlite_trigger_names(table):
    return [f"{table}_history_insert", f"{table}_history_update", f"{table}_history_delete"]


def _sqlite_sql(connection):
    existing = _tables(connection)
    sql = []
    for table in GUARDED_TABLES:
        sql += [f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_early_delete"]
        sql.append(
            f'CREATE TRIGGER {table}_no_update BEFORE UPDATE ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: {table} cannot be updated'); END"
        )
        sql.append(
            f'CREATE TRIGGER {table}_no_early_delete BEFORE DELETE ON "{table}" '
            f"WHEN OLD.\"at\" > strftime('%Y-%m-%d %H:%M:%f', 'now', '-{MINIMUM_RETENTION_DAYS} days') "
            f"BEGIN SELECT RAISE(ABORT, 'Audit entries younger than {MINIMUM_RETENTION_DAYS} days cannot be deleted'); END"
        )
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    for table in HISTORY_TABLES:
        if table not in existing:
            continue
        columns = [c for c in _columns(connection, table) if c not in SKIPPED_COLUMNS]
        sql += [f"DROP TRIGGER IF EXISTS {name}" for name in _sqlite_trigger_names(table)]
        for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            if table == "courses_course":
                course, code = f"{row}.id", f"{row}.code"
            else:
                course = f"{row}.course_id"
                code = f"coalesce((SELECT code FROM courses_course WHERE id = {row}.course_id), '')"  # nosec B608  # table and column names from our own models, no input
            changed, when = "''", ""
            if op == "UPDATE":
                changed = "rtrim(" + " || ".join(
                    f"CASE WHEN OLD.\"{c}\" IS NOT NEW.\"{c}\" THEN '{c},' ELSE '' END" for c in columns
                ) + ", ',')"
                when = "WHEN " + " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns) + " "
            sql.append(
                f'CREATE TRIGGER {table}_history_{op.lower()} AFTER {op} ON "{table}" {when}'  # nosec B608  # table and column names from our own models, no input
                'BEGIN INSERT INTO audit_changerecord ("at", table_name, row_id, operation, course_id, course_code, '
                f"changed_fields) VALUES ({now}, '{table}', {row}.id, '{op}', {course}, {code}, "
                f"substr({changed}, 1, 500)); END"
            )
    return sql


def install(connection):
    """Create (or re-create) every audit trigger on this database."""
    if connection.vendor == "postgresql":
        statements = _postgresql_sql(connection)
    elif connection.vendor == "sqlite":
        statements = _sqlite_sql(connection)
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection):
    """Drop every audit trigger (the migration's reverse, and the test suite's flush on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            existing = _tables(connection)
            for table in GUARDED_TABLES:
                if table in existing:
                    cursor.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"')
            for table in HISTORY_TABLES:
                if table in existing:
                    cursor.execute(f'DROP TRIGGER IF EXISTS {table}_history ON "{table}"')
                    cursor.execute(f'DROP TRIGGER IF EXISTS {table}_history_insert ON "{table}"')
            for function in PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}()")
        elif connection.vendor == "sqlite":
            for table in GUARDED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_early_delete")
            for table in HISTORY_TABLES:
                for name in _sqlite_trigger_names(table):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
