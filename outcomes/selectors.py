"""Paired change of the exit indicators, aggregated in the database (issue 16.2).

A course counts when it has two or more measurements up to the report date: its *entry* is
its first measurement (earliest date, then the first recorded) and its *latest* the last one
(latest date, then the last recorded; an end measurement is the latest by its date). Only
these courses are compared, each with itself: the same people at entry and latest.

One query: the pairs once (`pairs_sql`), then a GROUP BY over entry x
latest answer per indicator, joined by UNION ALL; the same single query however many courses.
"""

import operator
from datetime import date
from functools import reduce

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery

from courses.models import open_between

from .categories import BETTER, BY_FIELD, INDICATORS, NOT_COMPARABLE, SAME, WORSE, direction
from .models import Measurement

DIRECTIONS = (BETTER, SAME, WORSE, NOT_COMPARABLE)


def pairs_sql(courses, as_of: date) -> tuple[str, tuple]:
    """SQL (and params) of one row per course measured twice or more up to `as_of`: the course and,
    per indicator, the answer at entry (`a_<field>`) and at the latest (`b_<field>`).

    Two shapes with the same rows, each the fast one on its database (docs/outcomes.md has the
    figures): PostgreSQL passes over the measurements once with a window; SQLite, whose window
    took 1.4 s at 100,000 courses, looks up each course's first and last measurement.
    """
    table = connection.ops.quote_name(Measurement._meta.db_table)
    fields = [connection.ops.quote_name(i.field) for i in INDICATORS]
    if connection.vendor == "sqlite":
        return _pairs_by_lookups(courses, as_of, table, fields)
    inner, params = courses.order_by().values("pk").query.sql_with_params()
    entry_and_latest = ", ".join(f"m.{f} AS a_{i.field}, LAST_VALUE(m.{f}) OVER whole AS b_{i.field}"
                                 for f, i in zip(fields, INDICATORS, strict=True))
    # The first row of a course carries its own answers (entry) and the window's last (latest).
    sql = (
        f"SELECT * FROM (SELECT m.course_id AS course_id, {entry_and_latest}, "  # noqa: S608  # nosec B608  # names from the models, inner query from the ORM; values are bound
        "ROW_NUMBER() OVER whole AS k, COUNT(*) OVER whole AS n "
        f"FROM {table} m WHERE m.measured_on <= %s AND m.course_id IN ({inner}) "
        "WINDOW whole AS (PARTITION BY m.course_id ORDER BY m.measured_on, m.id "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) r WHERE r.k = 1 AND r.n >= 2"
    )
    return sql, (as_of, *params)


def _pairs_by_lookups(courses, as_of: date, table: str, fields: list[str]) -> tuple[str, tuple]:
    """pairs_sql for SQLite: per course, the id of its first and of its last measurement, each read
    from the (course, measured_on) index alone (SQLite's index entries end with the id, so the
    order by date, then id, is the index's own); then the two rows by id. A course with one
    measurement has the same first and last, and is left out."""
    measurements = Measurement.objects.filter(course=OuterRef("pk"), measured_on__lte=as_of)
    ends, params = courses.order_by().values("pk").annotate(
        entry_id=Subquery(measurements.order_by("measured_on", "pk").values("pk")[:1]),
        latest_id=Subquery(measurements.order_by("-measured_on", "-pk").values("pk")[:1]),
    ).values("pk", "entry_id", "latest_id").query.sql_with_params()
    entry_and_latest = ", ".join(f"a.{f} AS a_{i.field}, b.{f} AS b_{i.field}"
                                 for f, i in zip(fields, INDICATORS, strict=True))
    sql = (
        # MATERIALIZED, or SQLite folds `ends` into the join and looks both ids up a second time.
        f"WITH ends AS MATERIALIZED ({ends}) "  # noqa: S608  # nosec B608  # names from the models, inner query from the ORM; values are bound
        f"SELECT a.course_id AS course_id, {entry_and_latest} "
        f"FROM ends c JOIN {table} a ON a.id = c.entry_id JOIN {table} b ON b.id = c.latest_id "
        "WHERE c.entry_id <> c.latest_id"
    )
    return sql, params


def paired_change(courses, as_of: date) -> dict:
    """{"paired": courses compared, "indicators": {field: {"transitions": {from: {to: n}},
    "direction": {better, same, worse, not_comparable: n}, "entry": {answer: n}, "latest": {answer: n}}}};
    every answer is a key, zeros included."""
    pairs, params = pairs_sql(courses, as_of)
    grouped = " UNION ALL ".join(
        # The field names are the fixed identifiers of outcomes.categories, never input.
        f"SELECT '{i.field}', p.a_{i.field}, p.b_{i.field}, COUNT(*) "  # noqa: S608  # nosec B608  # field names from categories; values are bound
        f"FROM pairs p GROUP BY p.a_{i.field}, p.b_{i.field}"
        for i in INDICATORS)
    with connection.cursor() as cursor:
        # One query: the pairs once (a common table expression), then every indicator's GROUP BY.
        cursor.execute(f"WITH pairs AS MATERIALIZED ({pairs}) {grouped}", params)  # noqa: S608  # nosec B608  # field names from categories; values are bound
        counted = cursor.fetchall()
    transitions = {i.field: {a: dict.fromkeys(i.choices.values, 0) for a in i.choices.values} for i in INDICATORS}
    for field, a, b, n in counted:
        transitions[field][a][b] += n
    return _summary(transitions)


def add_pairs(change: dict, pairs: dict) -> dict:
    """`change` (paired_change's result) with more compared courses added: {(indicator, first answer,
    latest answer): courses}, as deleted courses leave them (rights.retained)."""
    if not pairs:
        return change
    transitions = {field: {a: dict(row) for a, row in table["transitions"].items()}
                   for field, table in change["indicators"].items()}
    for (field, a, b), n in pairs.items():
        transitions[field][a][b] += n
    return _summary(transitions)


def _summary(transitions: dict) -> dict:
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


def _moved_better(field: str, entry: str, latest: str) -> Q:
    """Entry answer -> latest answer is "better" by the indicator's order (categories.direction)."""
    indicator = BY_FIELD[field]
    return reduce(operator.or_, [
        Q(**{entry: before, f"{latest}__in": [after for after, rank in indicator.rank.items() if rank < rank_before]})
        for before, rank_before in indicator.rank.items() if rank_before > 0
    ])


def compared_by_period(courses, periods: list[tuple[date, date]], *, better: tuple[str, ...]) -> list[dict]:
    """Per (start, end) in `periods`: {"compared": courses open in the period with two or more
    measurements by its end whose latest one up to the end falls in it, "better": {indicator: of
    those, the ones in a better category at the latest than at entry} for each indicator in `better`}.

    Entry and latest as in `paired_change` (first measurement; last up to the end). One query,
    however many courses and periods: correlated look-ups by the (course, measured_on) index.
    """
    if not periods:
        return []
    measurements = Measurement.objects.filter(course=OuterRef("pk"))
    in_order = measurements.order_by("measured_on", "pk")
    annotations = {
        **{f"entry_{f}": Subquery(in_order.values(f)[:1]) for f in better},
        # The second measurement's date: on or before the end means two or more by then.
        "second_on": Subquery(in_order.values("measured_on")[1:2]),
    }
    aggregates = {}
    for n, (start, end) in enumerate(periods):
        latest = measurements.filter(measured_on__lte=end).order_by("-measured_on", "-pk")
        annotations[f"latest_on_{n}"] = Subquery(latest.values("measured_on")[:1])
        annotations.update({f"{f}_{n}": Subquery(latest.values(f)[:1]) for f in better})
        compared = open_between(start, end) & Q(**{"second_on__lte": end, f"latest_on_{n}__gte": start})
        aggregates[f"compared_{n}"] = Count("pk", filter=compared)
        for f in better:
            aggregates[f"better_{f}_{n}"] = Count("pk", filter=compared & _moved_better(f, f"entry_{f}", f"{f}_{n}"))
    found = courses.order_by().annotate(**annotations).aggregate(**aggregates)
    return [{"compared": found[f"compared_{n}"], "better": {f: found[f"better_{f}_{n}"] for f in better}}
            for n in range(len(periods))]
