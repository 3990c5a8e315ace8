from datetime import date

import pytest

from audit.models import ChangeRecord
from brobygger.bulk import insert_rows
from courses.models import Course, Gender, InterventionRecord


def test_inserted_rows_get_the_fields_defaults_and_the_time_now(world):
    before = Course.objects.count()

    count = insert_rows(Course, [
        {"project_id": world.project.pk, "code": f"KBH-BULK{i}", "organisation_id": world.org_a.pk,
         "start_date": date(2026, 3, i + 1)}
        for i in range(3)
    ])

    assert count == 3
    assert Course.objects.count() == before + 3
    course = Course.objects.get(code="KBH-BULK2")
    assert course.start_date == date(2026, 3, 3)
    assert course.gender == Gender.UNKNOWN  # the field's default
    assert course.end_reason == ""  # a text field without a default
    assert course.end_date is None
    assert course.created_at is not None and course.created_at == course.updated_at


def test_many_rows_go_in_over_several_statements(world):
    course = world.course_a
    rows = [{"course_id": course.pk, "intervention_id": world.counselling.pk, "name": "Rådgivning",
             "date": date(2026, 1, 5), "organisation_id": world.org_a.pk} for _ in range(12_000)]

    assert insert_rows(InterventionRecord, rows) == 12_000
    assert InterventionRecord.objects.filter(course=course, name="Rådgivning").count() == 12_000


def test_the_database_still_writes_the_change_history(world):
    insert_rows(InterventionRecord, [{"course_id": world.course_b.pk, "intervention_id": world.therapy.pk,
                                      "name": "Individuel terapi", "date": date(2026, 2, 2),
                                      "organisation_id": world.org_b.pk}])

    record = InterventionRecord.objects.get(course=world.course_b, name="Individuel terapi")
    history = ChangeRecord.objects.get(table_name="courses_interventionrecord", row_id=record.pk)
    assert history.operation == "INSERT"
    assert history.course_code == world.course_b.code


def test_a_misspelt_field_is_refused_before_anything_is_written(world):
    before = Course.objects.count()
    with pytest.raises(ValueError, match="project"):
        insert_rows(Course, [{"project": world.project.pk, "code": "KBH-BAD", "organisation_id": world.org_a.pk,
                              "start_date": date(2026, 3, 1)}])
    assert Course.objects.count() == before
