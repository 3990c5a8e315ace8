"""Exit indicator follow-ups due and overdue, on the WHO-5 schedule (wellbeing.rounds).

The indicators are measured at the start, then every `who5_interval_months` (the project's
one interval) while the course is open: the same scheduled "follow-up at N months" as WHO-5,
so the due list and the team meeting can show both side by side. A measurement counts for
the scheduled follow-up nearest its date (wellbeing.rounds.round_of).
"""

from datetime import date, timedelta

from wellbeing.rounds import (
    DUE_SOON_DAYS,
    GRACE_DAYS,
    DueMeasurement,
    answered_rounds,
    rounds_due,
)

from .models import Measurement


def measurement_dates(course_ids) -> dict[int, list[date]]:
    dates: dict[int, list[date]] = {}
    for course_id, day in Measurement.objects.filter(course_id__in=course_ids).values_list("course_id", "measured_on"):
        dates.setdefault(course_id, []).append(day)
    return dates


def due_indicator_measurements(courses, today: date) -> list[DueMeasurement]:
    """Indicator measurements due or overdue among `courses`, overdue first. Two queries."""
    courses = list(courses.open().filter(start_date__lte=today + timedelta(days=DUE_SOON_DAYS))
                   .select_related("project"))
    done = measurement_dates([c.pk for c in courses])
    items = []
    for course in courses:
        rounds = rounds_due(course, today + timedelta(days=DUE_SOON_DAYS))
        if not rounds:
            continue
        k, day = rounds[-1]
        if k in answered_rounds(course, done.get(course.pk, [])):
            continue
        items.append(DueMeasurement(course, k, day, day < today - timedelta(days=GRACE_DAYS), (today - day).days))
    items.sort(key=lambda m: (not m.overdue, m.due_on, m.course.code))
    return items


def share_answered_by_round(courses, today: date) -> list[dict]:
    """Per scheduled measurement: for how many courses it was due (its grace period passed, or it
    was taken) and for how many it was taken. Two queries."""
    from brobygger.rounding import percent

    courses = list(courses.filter(start_date__lte=today).select_related("project"))
    dates = measurement_dates([c.pk for c in courses])
    due: dict[int, int] = {}
    taken: dict[int, int] = {}
    closed = today - timedelta(days=GRACE_DAYS)
    for course in courses:
        done = answered_rounds(course, dates.get(course.pk, []))
        for k, day in rounds_due(course, today):
            if k in done or day <= closed:
                due[k] = due.get(k, 0) + 1
                taken[k] = taken.get(k, 0) + (k in done)
    return [{"round": k, "due": due[k], "answered": taken[k], "rate": percent(taken[k], due[k], 0)}
            for k in sorted(due)]
