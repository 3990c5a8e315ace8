"""Recording the exit indicators: the fixed answers, the one start and end, the short form."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from courses import services as course_services
from outcomes import services
from outcomes.categories import INDICATORS, UNKNOWN
from outcomes.models import Measurement

pytestmark = pytest.mark.django_db

ALL_UNKNOWN = {i.field: UNKNOWN for i in INDICATORS}
TODAY = date(2026, 6, 1)


def test_every_indicator_has_an_explicit_unknown_answer():
    for indicator in INDICATORS:
        assert UNKNOWN in indicator.choices.values, indicator.field
        assert indicator.rank_of(UNKNOWN) is None, indicator.field


def test_a_measurement_is_recorded_with_every_answer(world):
    m = services.record_measurement(course=world.course_a, by=world.users["caseworker_a"], measured_on=date(2026, 1, 5),
                                    kind="start", answers={**ALL_UNKNOWN, "housing": "shelter"}, today=TODAY)
    m.refresh_from_db()
    assert (m.housing, m.income, m.kind, m.recorded_by) == ("shelter", UNKNOWN, "start", world.users["caseworker_a"])


def test_a_blank_or_made_up_answer_is_refused(world):
    for answers in ({**ALL_UNKNOWN, "housing": ""}, {**ALL_UNKNOWN, "support": "7"},
                    {k: v for k, v in ALL_UNKNOWN.items() if k != "selling_sex"}):
        with pytest.raises(ValidationError):
            services.record_measurement(course=world.course_a, by=None, measured_on=date(2026, 1, 5), kind="start",
                                        answers=answers, today=TODAY)
    assert not Measurement.objects.exists()


def test_the_database_refuses_an_answer_outside_the_list(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(course=world.course_a, measured_on=date(2026, 1, 5), kind="start",
                                   **{**ALL_UNKNOWN, "housing": "castle"})
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(course=world.course_a, measured_on=date(2026, 1, 5), kind="start",
                                   **{**ALL_UNKNOWN, "income": ""})


def test_one_start_and_one_end_per_course_but_many_follow_ups(world):
    record = lambda kind, day: services.record_measurement(  # noqa: E731
        course=world.course_a, by=None, measured_on=day, kind=kind, answers=ALL_UNKNOWN, today=TODAY)
    record("start", date(2026, 1, 5))
    record("follow_up", date(2026, 3, 5))
    record("follow_up", date(2026, 5, 5))
    with pytest.raises(ValidationError):
        record("start", date(2026, 2, 5))
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(course=world.course_a, measured_on=date(2026, 1, 6), kind="start", **ALL_UNKNOWN)
    assert world.course_a.measurements.count() == 3


def test_dates_outside_the_course_are_refused(world):
    for day in (date(2026, 1, 4), date(2026, 6, 2)):  # before the start; after today
        with pytest.raises(ValidationError):
            services.record_measurement(course=world.course_a, by=None, measured_on=day, kind="start",
                                        answers=ALL_UNKNOWN, today=TODAY)


def test_an_indicator_and_an_intervention_are_refused_on_the_same_days_with_the_same_words(world):
    """One rule for what happened on a course (courses.services.check_course_date): within it."""
    by = world.users["caseworker_a"]
    course_services.update_course(course=world.course_a, by=by, end_date=date(2026, 5, 1), end_reason="moved")
    days = [date(2026, 1, 4), date(2026, 5, 2), timezone.localdate() + timedelta(days=1)]

    def refusal(record, field):
        with pytest.raises(ValidationError) as error, translation.override("en"):
            record()
        return error.value.message_dict[field]

    indicators = [refusal(lambda day=day: services.record_measurement(
        course=world.course_a, by=by, measured_on=day, kind="start", answers=ALL_UNKNOWN), "measured_on") for day in days]
    interventions = [refusal(lambda day=day: course_services.record_intervention(
        course=world.course_a, intervention=world.counselling, organisation=world.org_a, by=by, on=day), "date")
        for day in days]
    assert indicators == interventions == [["The date cannot be before the course started."],
                                           ["The date cannot be after the course ended."],
                                           ["The date cannot be in the future."]]
    assert not world.course_a.measurements.exists() and not world.course_a.interventions.exists()


def test_caseworker_records_on_the_form_and_the_course_page_shows_it(client_as, world):
    client = client_as("caseworker_a")
    url = reverse("outcome_record", args=[world.course_a.code])
    form = client.get(url).content.decode()
    assert 'value="start" id="id_kind_0" class="form-radio" checked' in form  # the first measurement is offered as the start
    data = {**ALL_UNKNOWN, "measured_on": "2026-01-05", "kind": "start", "housing": "street", "support": "1"}
    assert client.post(url, data).status_code == 302
    saved = Measurement.objects.get(course=world.course_a)
    assert (saved.housing, saved.support, saved.recorded_by) == ("street", "1", world.users["caseworker_a"])
    page = client.get(reverse("course_detail", args=[world.course_a.code]))  # Danish, the default
    table = page.content.decode().split('id="outcome-answers"')[1].split("</table>")[0]
    assert ">Gaden</td>" in table and ">1 person</td>" in table


def test_a_missing_answer_is_named_and_nothing_is_stored(client_as, world):
    client = client_as("caseworker_a")
    data = {**ALL_UNKNOWN, "measured_on": "2026-01-05", "kind": "start"}
    del data["selling_sex"]
    page = client.post(reverse("outcome_record", args=[world.course_a.code]), data)
    assert page.status_code == 200
    assert 'href="#id_selling_sex"' in page.content.decode()
    assert not Measurement.objects.exists()
