"""The tables with change-history triggers migrate backwards and forwards, on SQLite and PostgreSQL,
and the history is written on the schema each run of migrate leaves.

SQLite rebuilds a table to alter it and refused while a trigger named the table (audit/guards.py).
Taking courses back to 0001 unapplies every later migration of courses and wellbeing (and of the
apps that depend on them): rebuilds of courses_course, courses_referral, courses_interventionrecord
and wellbeing_who5response among them.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import ChangeRecord

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def recorded_by(sql, params):
    """The change records that this statement wrote (a data migration's are the history's too, on
    PostgreSQL)."""
    last = ChangeRecord.objects.order_by("pk").values_list("pk", flat=True).last()
    execute(sql, params)
    return list(ChangeRecord.objects.filter(pk__gt=last).order_by("pk").values_list(
        "table_name", "row_id", "operation", "course_code", "changed_fields"))


def test_the_course_tables_migrate_back_and_forth_and_keep_writing_their_history(world):
    course = world.course_a
    try:
        call_command("migrate", "courses", "0001", verbosity=0)
        # The schema of 0001 (no responsible worker): its update is recorded with its own columns.
        assert recorded_by("UPDATE courses_course SET gender = %s WHERE id = %s", ["man", course.pk]) == [
            ("courses_course", course.pk, "UPDATE", course.code, "gender")]
    finally:
        call_command("migrate", verbosity=0)

    # Forwards again: the triggers know the column the last migration added ...
    assert course.responsible_id is not None
    assert recorded_by("UPDATE courses_course SET responsible_id = NULL WHERE id = %s", [course.pk]) == [
        ("courses_course", course.pk, "UPDATE", course.code, "responsible_id")]
    # ... and a course part's trigger finds the rebuilt course table for the course's code.
    referral = world.referral_a.pk
    assert recorded_by("DELETE FROM courses_referral WHERE id = %s", [referral]) == [
        ("courses_referral", referral, "DELETE", course.code, "")]
