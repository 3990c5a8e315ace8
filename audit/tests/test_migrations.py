"""The tables with change-history triggers migrate backwards and forwards, on SQLite and PostgreSQL,
and the history is written on the schema each run of migrate leaves.

SQLite rebuilds a table to alter it, and refused to while another table's trigger named it
(audit/guards.py). Unapplying courses 0008 rebuilds courses_course, which the course parts'
triggers read; unapplying wellbeing 0005 rebuilds wellbeing_who5response, which loses its own
triggers. (Going further back unapplies most apps and takes seconds more; taking every app to zero
and back was done by hand on both databases when this was fixed.)
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import ChangeRecord
from wellbeing.services import record_who5

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def recorded_by(sql, params):
    """The change records that this statement wrote (a data migration's are the history's too, on
    PostgreSQL)."""
    last = ChangeRecord.objects.order_by("pk").values_list("pk", flat=True).last()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return list(ChangeRecord.objects.filter(pk__gt=last).order_by("pk").values_list(
        "table_name", "row_id", "operation", "course_code", "changed_fields"))


def test_the_course_tables_migrate_back_and_forth_and_keep_writing_their_history(world):
    course = world.course_a
    answer = record_who5(course=course, answers=[3, 3, 3, 3, 3], language="da", by=world.users["caseworker_a"],
                         on=date(2026, 2, 1))
    try:
        call_command("migrate", "courses", "0007", verbosity=0)
        call_command("migrate", "wellbeing", "0004", verbosity=0)
        # The older schema (no responsible worker): its updates are recorded with its own columns.
        assert recorded_by("UPDATE courses_course SET gender = %s WHERE id = %s", ["man", course.pk]) == [
            ("courses_course", course.pk, "UPDATE", course.code, "gender")]
        assert recorded_by("UPDATE wellbeing_who5response SET item1 = 4 WHERE id = %s", [answer.pk]) == [
            ("wellbeing_who5response", answer.pk, "UPDATE", course.code, "item1")]
    finally:
        call_command("migrate", verbosity=0)

    # Forwards again: the triggers know the column the last migration added ...
    assert course.responsible_id is not None
    assert recorded_by("UPDATE courses_course SET responsible_id = NULL WHERE id = %s", [course.pk]) == [
        ("courses_course", course.pk, "UPDATE", course.code, "responsible_id")]
    # ... a course part's trigger finds the rebuilt course table for the course's code ...
    referral = world.referral_a.pk
    assert recorded_by("DELETE FROM courses_referral WHERE id = %s", [referral]) == [
        ("courses_referral", referral, "DELETE", course.code, "")]
    # ... and the rebuilt answers table has its triggers back.
    assert recorded_by("UPDATE wellbeing_who5response SET item2 = 5 WHERE id = %s", [answer.pk]) == [
        ("wellbeing_who5response", answer.pk, "UPDATE", course.code, "item2")]
