"""Exit indicator follow-ups due and overdue, on the WHO-5 schedule (wellbeing.rounds).

The indicators are measured at the start, then every `who5_interval_months` (the project's
one interval) while the course is open: the same scheduled "follow-up at N months" as WHO-5,
so the due list and the team meeting can show both side by side. A measurement counts for
the scheduled follow-up nearest its date (wellbeing.rounds.round_of). The schedule's rules are
wellbeing.rounds' own; only the dates the measurements were taken on are the indicators'.
"""

from datetime import date

from wellbeing.rounds import DueMeasurement, due_measurements, response_rate_by_round

from .models import Measurement


def measurement_dates(course_ids) -> dict[int, list[date]]:
    dates: dict[int, list[date]] = {}
    for course_id, day in Measurement.objects.filter(course_id__in=course_ids).values_list("course_id", "measured_on"):
        dates.setdefault(course_id, []).append(day)
    return dates


def due_indicator_measurements(courses, today: date) -> list[DueMeasurement]:
    """Indicator measurements due or overdue among `courses`, overdue first. Two queries."""
    return due_measurements(courses, today, dates=measurement_dates)


def share_answered_by_round(courses, today: date) -> list[dict]:
    """Per scheduled measurement: for how many courses it was due (its grace period passed, or it
    was taken) and for how many it was taken. Two queries."""
    return response_rate_by_round(courses, today, dates=measurement_dates)
