"""The writes the import uses (courses.services: add_courses, change_courses, record_interventions,
make_referrals, erase_courses): courses own their tables, the importer hands them plain rows."""

from datetime import date

import pytest

from audit.models import ChangeRecord
from courses import services
from courses.models import Course, InterventionRecord, Referral


def ended(course, reason):
    Course.objects.filter(pk=course.pk).update(end_date=date(2026, 6, 1), end_reason=reason)


def test_new_courses_get_new_codes_and_come_back_as_ids_in_the_order_given(world):
    ids = services.add_courses(project=world.project, organisation=world.org_a, by=world.users["coordinator"], rows=[
        {"project_ref": "B-2", "gender": "man", "age_at_start": 40, "start_date": date(2026, 2, 1), "end_date": None},
        {"project_ref": "B-1", "gender": "woman", "age_at_start": 30, "start_date": date(2026, 1, 1),
         "end_date": date(2026, 5, 1)},
    ])

    two, one = Course.objects.get(pk=ids[0]), Course.objects.get(pk=ids[1])
    assert (two.project_ref, two.age_at_start, one.project_ref, one.end_date) == ("B-2", 40, "B-1", date(2026, 5, 1))
    assert {two.project_id, one.project_id} == {world.project.pk}
    assert {two.organisation_id, one.organisation_id} == {world.org_a.pk}
    assert one.created_by == world.users["coordinator"]
    assert one.code.startswith("KBH-") and two.code.startswith("KBH-") and one.code != two.code


def test_a_course_left_without_an_end_date_keeps_no_end_reason_and_others_keep_theirs(world):
    ended(world.course_a, Course.EndReason.MOVED)
    ended(world.course_b, Course.EndReason.GOAL_REACHED)
    before = ChangeRecord.objects.filter(table_name="courses_course", operation="UPDATE").count()

    services.change_courses(changes={
        world.course_a.pk: {"gender": "woman", "end_date": None},
        world.course_b.pk: {"gender": "non_binary", "end_date": date(2026, 7, 1)},
    })

    world.course_a.refresh_from_db()
    world.course_b.refresh_from_db()
    assert (world.course_a.end_date, world.course_a.end_reason) == (None, "")
    assert (world.course_b.gender, world.course_b.end_date, world.course_b.end_reason) == (
        "non_binary", date(2026, 7, 1), Course.EndReason.GOAL_REACHED)
    # One statement: the history holds one change per course.
    assert ChangeRecord.objects.filter(table_name="courses_course", operation="UPDATE").count() == before + 2


def test_interventions_and_referrals_go_in_as_rows(world):
    rows = [{"course_id": world.course_b.pk, "intervention_id": world.therapy.pk, "name": world.therapy.name,
             "date": date(2026, 2, 2), "organisation_id": world.org_b.pk, "created_by_id": None}]
    assert services.record_interventions(rows=rows) == 1
    assert services.make_referrals(rows=[{"course_id": world.course_b.pk, "target": Referral.Target.OTHER,
                                          "service_name": "Varmestuen", "date": date(2026, 2, 2),
                                          "organisation_id": world.org_b.pk}]) == 1

    assert InterventionRecord.objects.filter(course=world.course_b, intervention=world.therapy).count() == 1
    assert Referral.objects.get(course=world.course_b, service_name="Varmestuen").status == "requested"


def test_a_referral_that_passes_information_on_is_not_made_in_bulk(world):
    with pytest.raises(ValueError):
        services.make_referrals(rows=[{"course_id": world.course_a.pk, "target": Referral.Target.OTHER,
                                       "date": date(2026, 2, 2), "organisation_id": world.org_a.pk,
                                       "shared_with_id": world.org_b.pk, "consent_id": world.consent_a.pk}])
    assert not Referral.objects.filter(course=world.course_a, shared_with=world.org_b).exists()


def test_erased_courses_go_with_what_hangs_on_them(world):
    services.erase_courses(course_ids=[world.course_a.pk])

    assert not Course.objects.filter(pk=world.course_a.pk).exists()
    assert not Referral.objects.filter(pk=world.referral_a.pk).exists()
    assert Course.objects.filter(pk=world.course_b.pk).exists()
