"""When measurements are due: first at the start, then every project interval while the course is open."""

from datetime import date

import pytest

from courses import services as course_services
from courses.models import Course
from wellbeing.indicators import live_response_counts
from wellbeing.models import Who5Response
from wellbeing.rounds import (
    add_months,
    due_measurements,
    next_measurement,
    response_rate_by_round,
    round_of,
)


def answer(course, on, score_sum=10):
    items = [2, 2, 2, 2, 2] if score_sum == 10 else [5, 5, 5, 5, 5]
    return Who5Response.objects.create(course=course, answered_on=on, mode="with_worker",
                                       **{f"item{i + 1}": a for i, a in enumerate(items)})


def test_months_are_added_on_the_calendar():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)


def test_an_answer_belongs_to_the_nearest_due_date():
    start = date(2026, 1, 5)
    assert round_of(start, date(2026, 1, 5), 2) == 0
    assert round_of(start, date(2026, 1, 30), 2) == 0
    assert round_of(start, date(2026, 2, 20), 2) == 1  # closer to 5 March than to 5 January
    assert round_of(start, date(2026, 3, 25), 2) == 1


@pytest.mark.django_db
def test_a_new_course_is_due_its_first_measurement_at_once(world):
    due = due_measurements(world.project.courses.filter(pk=world.course_a.pk), date(2026, 1, 5))
    assert [(m.course, m.round, m.due_on, m.overdue) for m in due] == [(world.course_a, 0, date(2026, 1, 5), False)]


@pytest.mark.django_db
def test_an_unanswered_follow_up_becomes_overdue_after_two_weeks(world):
    answer(world.course_a, date(2026, 1, 5))
    courses = world.project.courses.filter(pk=world.course_a.pk)
    assert due_measurements(courses, date(2026, 2, 10)) == []  # follow-up 1 (5 March) not yet near
    soon = due_measurements(courses, date(2026, 2, 25))
    assert [(m.round, m.due_on, m.overdue) for m in soon] == [(1, date(2026, 3, 5), False)]
    late = due_measurements(courses, date(2026, 3, 25))
    assert [(m.round, m.overdue, m.days) for m in late] == [(1, True, 20)]


@pytest.mark.django_db
def test_an_answered_round_is_not_listed(world):
    answer(world.course_a, date(2026, 1, 5))
    answer(world.course_a, date(2026, 3, 2))
    assert due_measurements(world.project.courses.filter(pk=world.course_a.pk), date(2026, 3, 20)) == []


@pytest.mark.django_db
def test_the_interval_is_set_per_project(world):
    world.project.who5_interval_months = 3
    world.project.save()
    answer(world.course_a, date(2026, 1, 5))
    course = world.project.courses.get(pk=world.course_a.pk)
    upcoming = next_measurement(course, date(2026, 1, 20))
    assert (upcoming.round, upcoming.due_on) == (1, date(2026, 4, 5))


@pytest.mark.django_db
def test_the_next_measurement_is_due_two_weeks_either_side_of_its_date_and_overdue_after(world):
    course = world.project.courses.get(pk=world.course_a.pk)  # started 5 January, interval 2 months

    def states(today):
        m = next_measurement(course, today)
        return m.round, m.due_on, m.due, m.overdue

    assert states(date(2026, 1, 18)) == (0, date(2026, 1, 5), True, False)
    assert states(date(2026, 1, 19)) == (0, date(2026, 1, 5), False, True)  # two weeks on: overdue
    answer(course, date(2026, 1, 5))
    assert states(date(2026, 2, 18)) == (1, date(2026, 3, 5), False, False)
    assert states(date(2026, 2, 19)) == (1, date(2026, 3, 5), True, False)


@pytest.mark.django_db
def test_the_due_list_and_the_response_rates_agree_on_the_day_grace_is_over(world):
    """The follow-up at 2 months is due 17 March and not answered. On 30 March it is within its
    two weeks everywhere; on 31 March (two weeks on) the due list calls it overdue, and the
    response rate per measurement and the budget's indicator count it as due and missed."""
    Course.objects.filter(project=world.project).delete()
    course = course_services.register_course(project=world.project, organisation=world.org_a,
                                             by=world.users["caseworker_a"], start_date=date(2026, 1, 17))
    answer(course, date(2026, 1, 17))
    courses = world.project.courses.all()

    def seen(today):
        listed = [(m.round, m.overdue) for m in due_measurements(courses, today)]
        rates = {row["round"]: (row["due"], row["answered"]) for row in response_rate_by_round(courses, today)}
        return listed, rates.get(1), live_response_counts(world.project, date(2026, 3, 1), today)

    assert seen(date(2026, 3, 30)) == ([(1, False)], None, (0, 0))
    assert seen(date(2026, 3, 31)) == ([(1, True)], (1, 0), (0, 1))


@pytest.mark.django_db
def test_ended_courses_are_not_due(world):
    course_services.update_course(course=world.course_a, by=world.users["caseworker_a"], end_date=date(2026, 2, 1),
                                  end_reason="moved")
    assert due_measurements(world.project.courses.filter(pk=world.course_a.pk), date(2026, 6, 1)) == []


@pytest.mark.django_db
def test_due_list_needs_two_queries_whatever_the_number_of_courses(world, django_assert_num_queries):
    for day in (date(2026, 1, 6), date(2026, 1, 7), date(2026, 1, 8)):
        course = course_services.register_course(project=world.project, organisation=world.org_a,
                                                 by=world.users["caseworker_a"], start_date=day)
        answer(course, day)
    with django_assert_num_queries(2):
        due_measurements(world.project.courses.all(), date(2026, 6, 1))


@pytest.mark.django_db
def test_response_rate_per_round_counts_answered_over_due(world):
    answer(world.course_a, date(2026, 1, 5))
    answer(world.course_b, date(2026, 2, 1))
    answer(world.course_b, date(2026, 4, 3))
    rows = response_rate_by_round(world.project.courses.all(), date(2026, 5, 1))
    assert rows == [
        {"round": 0, "due": 2, "answered": 2, "rate": 100},
        {"round": 1, "due": 2, "answered": 1, "rate": 50},
    ]
