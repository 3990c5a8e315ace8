"""Plain WHO-5 numbers for reports (the project report, exports): one function, two queries.

The national evaluation reported the mean score per round and the paired change, and only
rounds with at least 10 respondents; callers outside the project hide small numbers with
brobygger.smallnumbers.
"""

from datetime import date

from .indicators import paired_change_summary
from .models import Who5Response, band
from .schedule import round_of


def who5_report(courses, as_of: date) -> dict:
    """{"rounds": [{"round", "respondents", "mean"}], "first_bands": {band: count}, "paired": {...}}

    Each course counts once per round (its first answer in that round), answers up to `as_of`.
    """
    rows = (
        Who5Response.objects.filter(course__in=courses, answered_on__lte=as_of)
        .order_by("course_id", "answered_on", "pk")
        .values_list("course_id", "course__start_date", "course__project__who5_interval_months", "answered_on", "score")
    )
    seen: set[tuple[int, int]] = set()
    scores: dict[int, list[int]] = {}
    first_bands = {"high_risk": 0, "risk": 0, "no_risk": 0}
    for course_id, start, interval, answered_on, score in rows:
        k = round_of(start, answered_on, interval)
        if (course_id, k) in seen:
            continue
        seen.add((course_id, k))
        scores.setdefault(k, []).append(score)
        if k == 0:
            first_bands[band(score)] += 1
    rounds = [
        {"round": k, "respondents": len(values), "mean": round(sum(values) / len(values), 1)}
        for k, values in sorted(scores.items())
    ]
    return {"rounds": rounds, "first_bands": first_bands, "paired": paired_change_summary(courses, None, as_of)}
