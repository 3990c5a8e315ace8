"""Demo exit indicators for the Copenhagen courses: a start for most, follow-ups that thin out,
an end for some ended courses; answers drift a little, more often towards better."""

from datetime import timedelta

from brobygger import demo


def answers_for(rng, state: dict, *, moves: float = 0.35) -> dict:
    """Move each ranked answer one step up or down now and then; keep "unknown" rare but present."""
    from .categories import INDICATORS, UNKNOWN

    result = {}
    for indicator in INDICATORS:
        ranked = sorted(indicator.rank, key=indicator.rank.get)
        current = state.get(indicator.field)
        if current is None:
            current = rng.choice(ranked[len(ranked) // 2:] or ranked)  # most start in the weaker half
        elif current in ranked and rng.random() < moves:
            i = ranked.index(current) + rng.choice([-1, -1, 1])
            current = ranked[max(0, min(len(ranked) - 1, i))]
        state[indicator.field] = current
        result[indicator.field] = UNKNOWN if rng.random() < 0.06 else current
    return result


@demo.extend
def add_exit_indicators(context):
    measure_courses(context["rng"], context["today"], context["courses"])


def measure_courses(rng, today, courses, *, moves: float = 0.35) -> None:
    """Exit indicators for `courses` (the budget's demo project uses it for its own courses); each
    ranked answer moves a step with the chance `moves` per measurement."""
    from wellbeing.rounds import rounds_due

    from .categories import Kind
    from .models import Measurement

    rows = []
    for course in courses:
        state = {}
        last = None
        for k, day in rounds_due(course, today):
            if rng.random() > (0.85 if k == 0 else max(0.3, 0.75 - 0.1 * k)):
                continue
            on = max(course.start_date, min(today, day + timedelta(days=rng.randint(-5, 20))))
            if course.end_date:
                on = min(on, course.end_date)
            if last and on <= last:
                continue
            kind = Kind.START if not rows or rows[-1].course_id != course.pk else Kind.FOLLOW_UP
            rows.append(Measurement(course=course, measured_on=on, kind=kind, recorded_by=course.created_by,
                                    **answers_for(rng, state, moves=moves)))
            last = on
        if course.end_date and last and last < course.end_date and rng.random() < 0.6:
            rows.append(Measurement(course=course, measured_on=course.end_date, kind=Kind.END,
                                    recorded_by=course.created_by, **answers_for(rng, state, moves=moves)))
    Measurement.objects.bulk_create(rows)
