"""Fast insertion of many plain rows, for the registration import (courses.services.add_courses and
the rows that hang on them) and the benchmark seeding (reports.seed_bench).

`bulk_create` builds a model instance per row and compiles every value through the ORM; for an
import of 10,000 citizens (about 90,000 rows with their interventions) that was three quarters
of the import's time. Here a row is a dict of field attnames (``course_id``, not ``course``) to
values; missing fields take the field's default (``auto_now``/``auto_now_add`` take now), each
distinct value is prepared for the database once, and the rows go in by COPY on
PostgreSQL and many to a statement elsewhere.

`bulk_create` on SQLite (keeping COPY for PostgreSQL) was tried on 7 December 2026: the import of
the benchmark's 10,000-row workbook took 26-28 s (10-11 s of CPU) against 12-16 s (5-6 s of CPU)
with the statements below, measured one after the other on the same database, so it was not kept.

Like `bulk_create`, this runs no `save()`, no signals and no field validators: the caller
checks the values first. The database's own constraints and triggers (the audit history) do run.
"""

from django.db import connections
from django.utils import timezone

BATCH = 5000


def insert_rows(model, rows, *, using="default") -> int:
    """Insert `rows` (dicts of attname -> value) into `model`'s table; returns how many."""
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = {f.attname for f in fields}
    now = timezone.now()
    defaults = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        else:  # the field's default, else "" for text fields and None for the others, as Django does
            defaults[f.attname] = f.get_default()
    prepared = {f.attname: {} for f in fields}

    def db_value(f, value):
        cache = prepared[f.attname]
        try:
            return cache[value]
        except KeyError:
            cache[value] = result = f.get_db_prep_save(value, connection)
            return result
        except TypeError:  # an unhashable value: prepare it every time
            return f.get_db_prep_save(value, connection)

    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)

    def prepare(row):
        unknown = row.keys() - names
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)} (use attnames).")
        return [db_value(f, row.get(f.attname, defaults[f.attname])) for f in fields]

    # Every row is prepared before anything is sent, so a wrong field name fails cleanly.
    prepared_rows = [prepare(row) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream, no statement to parse (a statement with 700,000 parameters took
            # psycopg and the server longer than the import's whole budget). Triggers still fire.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in prepared_rows:
                    copy.write_row(values)
        else:
            # Many rows per statement, as bulk_create does: far faster than executemany on SQLite.
            per_statement = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, [None] * BATCH)))
            # Table and column names come from the model; the values are bound parameters.
            head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608  # nosec B608  # table and column names from the model; values are bound parameters
            placeholders = f"({', '.join(['%s'] * len(fields))})"
            for i in range(0, len(prepared_rows), per_statement):
                batch = prepared_rows[i:i + per_statement]
                cursor.execute(head + ", ".join([placeholders] * len(batch)), [v for row in batch for v in row])
    return len(prepared_rows)
