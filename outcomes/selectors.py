"""Paired change of the exit indicators, aggregated in the database (issue 16.2).

A course counts when it has two or more measurements up to the report date: its *entry* is
its first measurement (earliest date, then the first recorded) and its *latest* the last one
(latest date, then the last recorded; an end measurement is the latest by its date). Only
these courses are compared, each with itself: the same people at entry and latest.

One query: a GROUP BY over entry x latest answer per indicator, the seven joined by UNION ALL;
the same single query however many courses.
"""

from datetime import date

from django.db.models import CharField, Count, OuterRef, Subquery, Value

from .categories import BETTER, INDICATORS, NOT_COMPARABLE, SAME, WORSE, direction
from .models import Measurement

DIRECTIONS = (BETTER, SAME, WORSE, NOT_COMPARABLE)


def _measured(as_of: date):
    return Measurement.objects.filter(course=OuterRef("pk"), measured_on__lte=as_of)


def paired_courses(courses, as_of: date):
    """`courses` with two or more measurements up to `as_of`, annotated with the entry's and the latest's pk."""
    first = _measured(as_of).order_by("measured_on", "pk").values("pk")[:1]
    last = _measured(as_of).order_by("-measured_on", "-pk").values("pk")[:1]
    # The courses with two measurements first, from the measurements' index: the entry and latest
    # look-ups then run for those only, not for every course of a large project.
    twice = (Measurement.objects.filter(course__in=courses, measured_on__lte=as_of).values("course")
             .annotate(n=Count("pk")).filter(n__gte=2).values("course"))
    return courses.filter(pk__in=twice).annotate(entry_pk=Subquery(first), latest_pk=Subquery(last))


def paired_change(courses, as_of: date) -> dict:
    """{"paired": courses compared, "indicators": {field: {"transitions": {from: {to: n}},
    "direction": {better, same, worse, not_comparable: n}, "entry": {answer: n}, "latest": {answer: n}}}};
    every answer is a key, zeros included."""
    pairs = paired_courses(courses, as_of)
    answer = lambda pk, field: Subquery(Measurement.objects.filter(pk=OuterRef(pk)).values(field)[:1])  # noqa: E731
    grouped = [
        pairs.annotate(indicator=Value(i.field, output_field=CharField()), a=answer("entry_pk", i.field), b=answer("latest_pk", i.field))
        .values("indicator", "a", "b").annotate(n=Count("pk")).order_by()
        for i in INDICATORS
    ]
    transitions = {i.field: {a: dict.fromkeys(i.choices.values, 0) for a in i.choices.values} for i in INDICATORS}
    for row in grouped[0].union(*grouped[1:], all=True).order_by():  # one query: every indicator's GROUP BY
        transitions[row["indicator"]][row["a"]][row["b"]] += row["n"]
    result = {"paired": 0, "indicators": {}}
    for indicator in INDICATORS:
        values = indicator.choices.values
        table = transitions[indicator.field]
        moves = dict.fromkeys(DIRECTIONS, 0)
        for a, row in table.items():
            for b, n in row.items():
                moves[direction(indicator, a, b)] += n
        result["indicators"][indicator.field] = {
            "transitions": table, "direction": moves,
            "entry": {a: sum(row.values()) for a, row in table.items()},
            "latest": {b: sum(table[a][b] for a in values) for b in values},
        }
        result["paired"] = sum(moves.values())
    return result
