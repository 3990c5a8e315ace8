"""The rules of courses, as the services apply them (views and importers share these)."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from courses import services
from courses.access import acting_organisation, can_manage_course, visible_courses
from courses.models import CODE_ALPHABET, Consent, Course, InterventionRecord, new_course_code
from courses.selectors import courses_needing_attention
from projects.models import Intervention


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def register(world, **fields):
    defaults = {"project": world.project, "organisation": world.org_a, "by": world.users["caseworker_a"],
                    "start_date": date(2026, 3, 1), "gender": "woman", "age_at_start": 30}
    return services.register_course(**{**defaults, **fields})


# Pseudonymous ids


def test_course_id_is_prefix_and_four_unambiguous_characters(world):
    course = register(world)
    assert re.fullmatch(rf"KBH-[{CODE_ALPHABET}]{{4}}", course.code)
    assert not set("01ILO") & set(course.code[4:])


def test_course_ids_are_random_not_derived_from_the_person():
    codes = {new_course_code("KBH") for _ in range(200)}
    assert len(codes) > 190


def test_a_taken_id_is_never_given_twice(world, monkeypatch):
    taken = world.course_a.code
    candidates = iter([taken, taken, "KBH-ZZZZ"])
    monkeypatch.setattr("courses.services.new_course_code", lambda prefix: next(candidates))
    course = register(world)
    assert course.code == "KBH-ZZZZ"


def test_the_database_refuses_a_duplicate_id(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.create(project=world.project, organisation=world.org_a, code=world.course_a.code,
                              start_date=date(2026, 1, 1))


def test_the_projects_own_id_is_unique_within_the_project(world):
    register(world, project_ref="EXIT-001")
    with pytest.raises(ValidationError):
        register(world, project_ref="EXIT-001")


# Age, dates and identity


@pytest.mark.parametrize("fields, field", [
    ({"age_at_start": 17}, "age_at_start"),
    ({"age_at_start": None, "birth_year": 2010}, "birth_year"),
])
def test_under_18_is_refused_with_where_they_belong(world, fields, field):
    with pytest.raises(ValidationError) as error:
        register(world, **fields)
    assert field in error.value.message_dict
    assert "children and young people" in error.value.message_dict[field][0]
    assert Course.objects.count() == 2


def test_age_and_birth_year_may_both_be_unknown(world):
    course = register(world, age_at_start=None, birth_year=None, gender="unknown")
    assert course.known_age_at_start is None


def test_birth_year_gives_the_age_at_start(world):
    assert register(world, age_at_start=None, birth_year=1990).known_age_at_start == 36


def test_the_database_refuses_an_end_before_the_start(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=world.course_a.pk).update(end_date=date(2025, 1, 1))


def test_the_database_refuses_a_minor(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=world.course_a.pk).update(age_at_start=16)


def test_a_cpr_number_as_the_projects_own_id_is_refused(world):
    with pytest.raises(ValidationError) as error:
        register(world, project_ref="010190-1234")
    assert "project_ref" in error.value.message_dict
    assert not Course.objects.filter(project_ref__contains="0101").exists()


def test_ending_a_course_and_reopening_it_clears_the_reason(world):
    course = services.update_course(course=world.course_a, by=world.users["caseworker_a"],
                                    end_date=date(2026, 6, 1), end_reason="goal_reached")
    assert not course.is_open and course.get_end_reason_display() == "Goal reached"
    course = services.update_course(course=course, by=world.users["caseworker_a"], end_date=None)
    assert course.is_open and course.end_reason == ""


def test_an_end_before_the_start_is_refused(world):
    with pytest.raises(ValidationError):
        services.update_course(course=world.course_a, by=world.users["caseworker_a"],
                               end_date=world.course_a.start_date - timedelta(days=1), end_reason="moved")


# Interventions


def test_an_intervention_keeps_the_catalogue_name_it_was_recorded_under(world):
    record = services.record_intervention(course=world.course_a, intervention=world.counselling,
                                          organisation=world.org_a, by=world.users["caseworker_a"],
                                          on=date(2026, 2, 1), note="Samtale om bolig")
    world.counselling.name = "Rådgivning og vejledning"
    world.counselling.save()
    record.refresh_from_db()
    assert record.name == "Rådgivning"
    later = services.record_intervention(course=world.course_a, intervention=world.counselling,
                                         organisation=world.org_a, by=world.users["caseworker_a"], on=date(2026, 3, 1))
    assert later.name == "Rådgivning og vejledning"
    assert world.counselling.records.count() == 2


def test_an_intervention_from_another_projects_catalogue_is_refused(world):
    foreign = Intervention.objects.create(project=world.other_project, name="Rådgivning")
    with pytest.raises(ValidationError):
        services.record_intervention(course=world.course_a, intervention=foreign, organisation=world.org_a,
                                     by=world.users["caseworker_a"], on=date(2026, 2, 1))
    assert not InterventionRecord.objects.exists()


def test_a_note_with_a_phone_number_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        services.record_intervention(course=world.course_a, intervention=world.therapy, organisation=world.org_a,
                                     by=world.users["caseworker_a"], on=date(2026, 2, 1), note="ring +45 12 34 56 78")
    assert "phone number" in error.value.message_dict["note"][0]
    assert not InterventionRecord.objects.exists()


# Referrals


def test_a_referral_starts_requested_and_its_status_changes_with_a_date(world):
    referral = services.make_referral(course=world.course_a, target="housing", organisation=world.org_a,
                                      by=world.users["caseworker_a"], on=date(2026, 2, 1), service_name="Boligkontoret")
    assert referral.status == "requested" and referral.label == "Boligkontoret"
    services.set_referral_status(referral=referral, status="started", by=world.users["caseworker_a"],
                                 on=date(2026, 2, 20))
    referral.refresh_from_db()
    assert (referral.status, referral.status_changed_on) == ("started", date(2026, 2, 20))


def test_an_unknown_referral_status_is_refused(world):
    with pytest.raises(ValidationError):
        services.set_referral_status(referral=world.referral_a, status="lost", by=world.users["caseworker_a"])


def test_an_email_in_the_service_name_is_refused(world):
    with pytest.raises(ValidationError):
        services.make_referral(course=world.course_a, target="other", organisation=world.org_a,
                               by=world.users["caseworker_a"], on=date(2026, 2, 1), service_name="mette@example.dk")


# Consent and sharing


def test_caseworker_of_another_organisation_sees_the_course_only_while_consent_to_share_is_active(world):
    b = world.users["caseworker_b"]
    assert world.course_a not in visible_courses(b)  # the world's consent is for referrals only
    consent = services.record_consent(course=world.course_a, organisation=world.org_b, scope=Consent.Scope.SHARE_COURSE,
                                      given_on=date(2026, 2, 1), by=world.users["caseworker_a"])
    assert world.course_a in visible_courses(b)
    assert acting_organisation(b, world.course_a) == world.org_b
    assert not can_manage_course(b, world.course_a)
    services.withdraw_consent(consent=consent, by=world.users["caseworker_a"], on=date(2026, 3, 1))
    assert world.course_a not in visible_courses(b)
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2026, 3, 1)


def test_withdrawal_is_never_dated_before_the_consent(world):
    consent = services.withdraw_consent(consent=world.consent_a, by=world.users["caseworker_a"], on=date(2025, 1, 1))
    assert consent.withdrawn_on == consent.given_on


def test_a_coordinator_sees_every_course_of_the_project_and_nobody_else_does(world):
    assert set(visible_courses(world.users["coordinator"])) == {world.course_a, world.course_b}
    assert set(visible_courses(world.users["caseworker_a"])) == {world.course_a}
    for role in ("outsider", "outreach", "analyst", "administrator"):
        assert not visible_courses(world.users[role]).exists(), role


def test_a_caseworker_in_another_project_sees_nothing_of_this_one(world):
    from accounts.models import Membership

    user = world.users["outsider"]
    Membership.objects.create(user=user, organisation=world.org_a, project=world.other_project,
                              role=Membership.Role.CASEWORKER)
    assert not visible_courses(user).exists()


# What needs attention


def test_quiet_courses_waiting_referrals_and_missing_facts_need_attention(world):
    today = date(2026, 6, 1)
    fresh = register(world, start_date=today - timedelta(days=3))
    unknown = register(world, start_date=today - timedelta(days=3), gender="unknown")
    reasons = {item["course"]: item["reason"] for item in courses_needing_attention(Course.objects.all(), today)}
    assert fresh not in reasons
    assert reasons[unknown] == "age or gender is not recorded"
    assert "a referral has waited" in reasons[world.course_a]
    assert "no intervention recorded" in reasons[world.course_b]
