"""The WHO-5 schedule: when a course's measurements are due, and which are answered.

Round 0 is due at the course's first meeting (its start date); round k is due k x the
project's interval (in months, default 2) after the start, while the course is open.
An answer belongs to the round whose due date is nearest, so an answer a little early or
a little late still counts for that round.

A measurement is *due* from DUE_SOON_DAYS before its date until GRACE_DAYS after it, and
*overdue* after that, until the next round takes over. Only the latest round of a course
is listed: a missed earlier round is history, not a task.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .models import Who5Response

DUE_SOON_DAYS = 14
GRACE_DAYS = 14


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(start: date, round_no: int, interval: int) -> date:
    return add_months(start, round_no * interval)


def round_of(start: date, answered_on: date, interval: int) -> int:
    """The round an answer belongs to: the one whose due date is nearest (ties go to the later)."""
    if answered_on <= start:
        return 0
    k = 0
    while due_on(start, k + 1, interval) <= answered_on:
        k += 1
    before, after = due_on(start, k, interval), due_on(start, k + 1, interval)
    return k if (answered_on - before) < (after - answered_on) else k + 1


def rounds_due(course, until: date) -> list[tuple[int, date]]:
    """(round, due date) of every round due on or before `until` while the course (and project) ran."""
    interval = course.project.who5_interval_months
    last = until
    if course.end_date:
        last = min(last, course.end_date)
    if course.project.end_date:
        last = min(last, course.project.end_date)
    rounds, k = [], 0
    while (day := due_on(course.start_date, k, interval)) <= last:
        rounds.append((k, day))
        k += 1
    return rounds


def answered_rounds(course, answer_dates) -> set[int]:
    interval = course.project.who5_interval_months
    return {round_of(course.start_date, day, interval) for day in answer_dates}


def answer_dates(course_ids) -> dict[int, list[date]]:
    dates: dict[int, list[date]] = {}
    rows = Who5Response.objects.filter(course_id__in=course_ids).values_list("course_id", "answered_on")
    for course_id, day in rows:
        dates.setdefault(course_id, []).append(day)
    return dates


@dataclass(frozen=True)
class DueMeasurement:
    course: object
    round: int
    due_on: date
    overdue: bool
    days: int  # days overdue (positive) or until due (negative or zero)

    @property
    def is_first(self) -> bool:
        return self.round == 0


def due_measurements(courses, today: date) -> list[DueMeasurement]:
    """The measurements due or overdue now among `courses` (a queryset), overdue first.

    Two queries whatever the number of courses.
    """
    courses = list(
        courses.open().filter(start_date__lte=today + timedelta(days=DUE_SOON_DAYS)).select_related("project")
    )
    answers = answer_dates([c.pk for c in courses])
    items = []
    for course in courses:
        rounds = rounds_due(course, today + timedelta(days=DUE_SOON_DAYS))
        if not rounds:
            continue
        k, day = rounds[-1]
        if k in answered_rounds(course, answers.get(course.pk, [])):
            continue
        overdue = day < today - timedelta(days=GRACE_DAYS)
        items.append(DueMeasurement(course, k, day, overdue, (today - day).days))
    items.sort(key=lambda m: (not m.overdue, m.due_on, m.course.code))
    return items


def next_measurement(course, today: date) -> tuple[int, date] | None:
    """The measurement to take next on an open course, as (round, due date): the current round
    if it is not answered (the same one the due list shows), else the following round."""
    if not course.is_open:
        return None
    done = answered_rounds(course, course.who5_responses.values_list("answered_on", flat=True))
    rounds = rounds_due(course, today + timedelta(days=DUE_SOON_DAYS))
    if rounds and rounds[-1][0] not in done:
        return rounds[-1]
    k = rounds[-1][0] + 1 if rounds else 0
    day = due_on(course.start_date, k, course.project.who5_interval_months)
    if course.project.end_date and day > course.project.end_date:
        return None
    return k, day


def response_rate_by_round(courses, today: date) -> list[dict]:
    """Per round: how many courses it was due for, and how many answered it.

    A round counts as due once its grace period has passed (or it was answered).
    """
    courses = list(courses.filter(start_date__lte=today).select_related("project"))
    answers = answer_dates([c.pk for c in courses])
    due: dict[int, int] = {}
    answered: dict[int, int] = {}
    closed = today - timedelta(days=GRACE_DAYS)
    for course in courses:
        done = answered_rounds(course, answers.get(course.pk, []))
        for k, day in rounds_due(course, today):
            if k in done or day <= closed:
                due[k] = due.get(k, 0) + 1
                if k in done:
                    answered[k] = answered.get(k, 0) + 1
    return [
        {"round": k, "due": due[k], "answered": answered.get(k, 0), "rate": round(100 * answered.get(k, 0) / due[k])}
        for k in sorted(due)
    ]
