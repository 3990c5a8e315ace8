"""WHO-5 rounds: the one module that numbers a course's WHO-5 answers, in two ways with two names.

**Scheduled measurements** (the course page, the due list, the team meeting, the response
rate, the budget indicator): measurement k is due k x the project's interval (in months,
default 2) after the course's start, while the course is open; k = 0 is the *first
measurement*, at the first meeting. People read them by their month: "follow-up at 4
months" (`measurement_name`). An answer belongs to the measurement whose due date is
nearest, so an answer a little early or late still counts for it. A measurement is *due*
from DUE_SOON_DAYS before its date, and *overdue* from GRACE_DAYS after it (`grace_over`,
the one place that says which day) until the next one takes over (`DueMeasurement`). Only the
latest measurement of a course is listed: a missed earlier one is history, not a task.

**Answer numbers** (the national report, its exports, and what retention keeps): the
evaluation's method numbers each course's answers in order, whenever they were given:
"answer 2" is the second answer (`answer_name`), ordered by date and then by when it was
saved (ANSWER_ORDER, `answer_numbers_sql`). It is not a measurement: a citizen who missed
the follow-up at 2 months and answered at 4 months gives "answer 2" at 4 months.

In code `round`/`k` is a scheduled measurement's number, `n` an answer number; the report's
JSON keeps the exchange format's key "round" for the answer number.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from brobygger.rounding import percent

from .models import Who5Response

# How the answers of a course are numbered: by date, then by when they were saved.
ANSWER_ORDER = ("answered_on", "pk")


def measurement_name(k: int, interval: int) -> str:
    """A scheduled measurement's name: "First measurement" or "Follow-up at 4 months"."""
    if k == 0:
        return _("First measurement")
    months = k * interval
    return ngettext("Follow-up at %(months)d month", "Follow-up at %(months)d months", months) % {"months": months}


def answer_name(n: int) -> str:
    """An answer number's name in the report: "Answer 2" (the course's second answer)."""
    return pgettext("WHO-5 answer number", "Answer %(n)d") % {"n": n}


def answer_numbers_sql(courses, as_of) -> tuple[str, tuple]:
    """SQL (and params) of every WHO-5 answer of `courses` up to `as_of` with its answer number k
    and its course's first score (course_id, score, k, first_score)."""
    table = connection.ops.quote_name(Who5Response._meta.db_table)
    inner, params = courses.order_by().values("pk").query.sql_with_params()
    sql = (
        f"SELECT w.course_id AS course_id, w.score AS score, "  # noqa: S608  # nosec B608  # table name from the model, inner query from the ORM; values are bound
        f"ROW_NUMBER() OVER answers AS k, FIRST_VALUE(w.score) OVER answers AS first_score "
        f"FROM {table} w WHERE w.answered_on <= %s AND w.course_id IN ({inner}) "
        # ANSWER_ORDER. An explicit ROWS frame: SQLite's default RANGE frame made FIRST_VALUE three times slower.
        "WINDOW answers AS (PARTITION BY w.course_id ORDER BY w.answered_on, w.id ROWS UNBOUNDED PRECEDING)"
    )
    return sql, (as_of, *params)

DUE_SOON_DAYS = 14
GRACE_DAYS = 14


def overdue_from(due: date) -> date:
    """The day a measurement due on `due` is past its grace: GRACE_DAYS later (two weeks on, the same
    weekday). From that day it is overdue in the due list and, unanswered, counts as due (and missed)
    in the response rates, the budget's indicator and what retention keeps of a deleted course."""
    return due + timedelta(days=GRACE_DAYS)


def grace_over(due: date, today: date) -> bool:
    """Whether on `today` a measurement due on `due` is past its grace (see overdue_from)."""
    return today >= overdue_from(due)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(start: date, round_no: int, interval: int) -> date:
    return add_months(start, round_no * interval)


def round_of(start: date, answered_on: date, interval: int) -> int:
    """The scheduled measurement an answer belongs to: the one whose due date is nearest (ties go to the later)."""
    if answered_on <= start:
        return 0
    k = 0
    while due_on(start, k + 1, interval) <= answered_on:
        k += 1
    before, after = due_on(start, k, interval), due_on(start, k + 1, interval)
    return k if (answered_on - before) < (after - answered_on) else k + 1


def rounds_due(course, until: date) -> list[tuple[int, date]]:
    """(round, due date) of every round due on or before `until` while the course (and project) ran."""
    last = min(day for day in (until, course.end_date, course.project.end_date) if day is not None)
    return scheduled(course.start_date, course.project.who5_interval_months, last)


def scheduled(start: date, interval: int, last: date) -> list[tuple[int, date]]:
    """(round, due date) of every round of a course started on `start` due on or before `last`.
    Plain values, so that retention (rights.retained) can ask it for a course it is deleting."""
    rounds, k = [], 0
    while (day := due_on(start, k, interval)) <= last:
        rounds.append((k, day))
        k += 1
    return rounds


def answered_rounds(start: date, interval: int, answer_dates) -> set[int]:
    """The scheduled measurements that answers on `answer_dates` count for, of a course started on
    `start` in a project measuring every `interval` months. Plain values, not a course, so that
    retention (rights.retained) numbers the rows of courses it is about to delete with it too."""
    return {round_of(start, day, interval) for day in answer_dates}


def answer_dates(course_ids) -> dict[int, list[date]]:
    """{course id: its WHO-5 answers' dates}: what a measurement was taken by, for WHO-5."""
    dates: dict[int, list[date]] = {}
    rows = Who5Response.objects.filter(course_id__in=course_ids).values_list("course_id", "answered_on")
    for course_id, day in rows:
        dates.setdefault(course_id, []).append(day)
    return dates


@dataclass(frozen=True)
class DueMeasurement:
    """A course's scheduled measurement as seen on one day (`seen_on`): *due* from DUE_SOON_DAYS
    before its date, *overdue* once its grace is over (`grace_over`)."""

    course: object
    round: int
    due_on: date
    days: int  # days since its date (positive) or until it (negative or zero)
    seen_on: date

    @classmethod
    def on(cls, today: date, course, round_no: int, day: date) -> "DueMeasurement":
        return cls(course, round_no, day, (today - day).days, today)

    @property
    def overdue(self) -> bool:
        return grace_over(self.due_on, self.seen_on)

    @property
    def due(self) -> bool:
        """Due and not yet overdue."""
        return self.days >= -DUE_SOON_DAYS and not self.overdue

    @property
    def name(self) -> str:
        return measurement_name(self.round, self.course.project.who5_interval_months)


def due_measurements(courses, today: date, *, dates=answer_dates) -> list[DueMeasurement]:
    """The measurements due or overdue now among `courses` (a queryset), overdue first.

    `dates(course_ids)` gives the dates each course's measurements were taken on: WHO-5 answers
    by default; the exit indicators (outcomes.due) follow the same schedule with their own dates.
    Two queries whatever the number of courses.
    """
    courses = list(
        courses.open().filter(start_date__lte=today + timedelta(days=DUE_SOON_DAYS))
        .select_related("project", "responsible")
    )
    answers = dates([c.pk for c in courses])
    items = []
    for course in courses:
        rounds = rounds_due(course, today + timedelta(days=DUE_SOON_DAYS))
        if not rounds:
            continue
        k, day = rounds[-1]
        if k in answered_rounds(course.start_date, course.project.who5_interval_months, answers.get(course.pk, [])):
            continue
        items.append(DueMeasurement.on(today, course, k, day))
    items.sort(key=lambda m: (not m.overdue, m.due_on, m.course.code))
    return items


def next_measurement(course, today: date) -> DueMeasurement | None:
    """The measurement to take next on an open course: the current round if it is not answered
    (the same one the due list shows), else the following round."""
    if not course.is_open:
        return None
    done = answered_rounds(course.start_date, course.project.who5_interval_months,
                           course.who5_responses.values_list("answered_on", flat=True))
    rounds = rounds_due(course, today + timedelta(days=DUE_SOON_DAYS))
    if rounds and rounds[-1][0] not in done:
        return DueMeasurement.on(today, course, *rounds[-1])
    k = rounds[-1][0] + 1 if rounds else 0
    day = due_on(course.start_date, k, course.project.who5_interval_months)
    if course.project.end_date and day > course.project.end_date:
        return None
    return DueMeasurement.on(today, course, k, day)


def response_rate_by_round(courses, today: date, *, dates=answer_dates) -> list[dict]:
    """Per scheduled measurement: how many courses it was due for, and how many answered it.

    A measurement counts as due once its grace is over (`grace_over`, the day the due list calls it
    overdue) or once it was answered.
    `dates` as in due_measurements. Two queries.
    """
    courses = list(courses.filter(start_date__lte=today).select_related("project"))
    answers = dates([c.pk for c in courses])
    due: dict[int, int] = {}
    answered: dict[int, int] = {}
    for course in courses:
        done = answered_rounds(course.start_date, course.project.who5_interval_months, answers.get(course.pk, []))
        for k, day in rounds_due(course, today):
            if k in done or grace_over(day, today):
                due[k] = due.get(k, 0) + 1
                if k in done:
                    answered[k] = answered.get(k, 0) + 1
    return [
        {"round": k, "due": due[k], "answered": answered.get(k, 0), "rate": percent(answered.get(k, 0), due[k], 0)}
        for k in sorted(due)
    ]
