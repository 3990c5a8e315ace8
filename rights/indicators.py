"""The budget's WHO-5 indicators: what the courses still here count (wellbeing.indicators) plus
what deleted courses left behind (rights.retained). Registered in RightsConfig.ready(): rights
stands above wellbeing (README, Layout), so it is the one that can add the two."""

from datetime import date

from django.utils import timezone

from brobygger.rounding import percent
from courses.models import Course
from wellbeing.indicators import live_response_counts, paired_change_summary, with_mean

from .retained import retained_paired_change, retained_response_rate


def _response_counts(project, start: date, end: date) -> tuple[int, int]:
    until = min(end, timezone.localdate())
    got, due = live_response_counts(project, start, until)
    kept_due, kept_got = retained_response_rate(project, start, until)
    return got + kept_got, due + kept_due


def response_rate(project, start: date, end: date) -> float | None:
    """Share (%) of the project's courses with a follow-up measurement due from start to end whose
    (latest) due follow-up was answered, deleted courses included. None when no follow-up was due."""
    got, due = _response_counts(project, start, end)
    return percent(got, due)


def response_rate_groups(project, start: date, end: date) -> tuple[int, int]:
    """The people the response rate is made of: who answered and who did not (brobygger.indicators)."""
    got, due = _response_counts(project, start, end)
    return got, due - got


def _paired_change(project, start: date, end: date) -> dict:
    live = paired_change_summary(Course.objects.filter(project=project), start, end)
    kept = retained_paired_change(project, start, end)
    return with_mean({key: int(live[key]) + int(kept[key]) for key in ("sum", "courses", "risen")})


def paired_change(project, start: date, end: date) -> float | None:
    """Mean change first -> latest WHO-5 score (points) for the project's courses with two or more answers,
    deleted courses included."""
    return _paired_change(project, start, end)["mean"]


def paired_change_groups(project, start: date, end: date) -> tuple[int]:
    """The people the paired change is a mean over (brobygger.indicators)."""
    return (_paired_change(project, start, end)["courses"],)
