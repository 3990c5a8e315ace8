"""Goals: an initiative's indicators computed live against their targets, with small numbers hidden
from readers outside the project (brobygger.disclosure)."""

from datetime import date
from decimal import Decimal

from django.db.models import prefetch_related_objects

from brobygger import indicators, rounding
from brobygger.disclosure import HIDDEN, is_small, protect

from .costs import reached_by_period
from .models import GoalIndicator, Initiative

# The goal that counts courses started in its period: each of them is a citizen reached (budget.costs)
# in every period that holds the goal's.
COURSES_REGISTERED = "courses_registered"


def goal_progress(initiative: Initiative, *, hide_small: bool, beside=None) -> list[dict]:
    """Each indicator of the initiative, computed live, against its target (see goals_progress).

    For a reader outside, worked out over every initiative of the project, as on the budget page, so
    a goal hidden there because another initiative's goal overlaps it is hidden here too.
    """
    if not hide_small:
        return goals_progress([initiative], hide_small=False)[0]
    everyone = list(initiative.project.initiatives.all())
    progress = goals_progress(everyone, hide_small=True, beside=beside)
    return progress[[i.pk for i in everyone].index(initiative.pk)]


def goals_progress(initiatives, *, hide_small: bool, beside=None) -> list[list[dict]]:
    """Per initiative, each of its indicators computed live against its target.

    An indicator whose app is not installed is "not available", never an error. Beyond the
    project (hide_small) the rule of brobygger.disclosure holds across every goal given: a count
    of 1-4 people (or a share or mean made of so few) is hidden with its percentage of the
    target, and so is every other goal's count of the same indicator over a period that overlaps
    it, so the hidden one cannot be worked out as the difference of two periods.

    A goal of courses registered is also set against the citizens reached that a reader outside
    sees: the project report's citizens for the goal's own period, and `beside`, the project's cost
    table (budget.costs.CostTable), for every period of it that holds the goal's. The courses
    registered are among those reached, and the difference (reached, started before) must not be
    1-4 people either (`_hide_beside_reached`).
    """
    result = []
    prefetch_related_objects(initiatives, "indicators")  # one query for the goals of every initiative
    for initiative in initiatives:
        rows = []
        for goal in initiative.indicators.all():
            registered = indicators.get(goal.key)
            value = indicators.compute(goal.key, initiative.project, goal.period_start, goal.period_end)
            shown = (indicators.disclosed(goal.key, initiative.project, goal.period_start, goal.period_end, value)
                     if hide_small else value)
            rows.append({
                "goal": goal,
                # A key whose app is not installed (any more) is shown as it is stored: budget keeps no list
                # of other apps' indicators (issue 18); they register their names with brobygger.indicators.
                "label": registered.label if registered else goal.key,
                "unit": registered.unit if registered else "",
                "available": registered is not None,
                "value": shown,
                "exact": value,
                "target": int(goal.target) if goal.target == goal.target.to_integral() else goal.target,
                "caveat": indicators.caveat(goal.key, initiative.project, goal.period_start, goal.period_end),
            })
        result.append(rows)
    if hide_small:
        _hide_beside_reached([row for rows in result for row in rows], beside)
        _hide_overlapping([row for rows in result for row in rows])
    for row in (row for rows in result for row in rows):
        value, target = row.pop("exact"), row["goal"].target
        percent = None
        if row["value"] is not HIDDEN and isinstance(value, int | float | Decimal) and target:
            percent = rounding.percent(Decimal(str(value)), target, 0)
        row.update(percent=percent, hidden=row["value"] is HIDDEN, bar=min(percent, 100) if percent is not None else 0,
                   reached=percent is not None and percent >= 100)
    return result


def _hide_beside_reached(rows: list[dict], costs) -> None:
    """Complementary suppression (brobygger.disclosure.protect) between each goal of courses registered
    and the citizens reached of every period that holds the goal's period and that a reader outside
    sees: the goal's own (the project report, for any period asked) and the cost table's. The courses
    registered are a part of those reached, and the rest is a group no page shows but anyone can work
    out. When it is 1-4 people, the goal's count is hidden (the report and the cost table stay as
    they are, the same on every page and PDF). The report's citizens of the goal's period take two
    queries, and only when there is such a goal."""
    goals = [row for row in rows if row["goal"].key == COURSES_REGISTERED and row["value"] is not HIDDEN
             and isinstance(row["exact"], int)]
    if not goals:
        return
    reached = dict(costs.reached) if costs is not None else {}
    shown = {period for period in reached if costs is None or period not in costs.reached_hidden}
    own = [(row["goal"].period_start, row["goal"].period_end) for row in goals]
    for period, n in reached_by_period(goals[0]["goal"].initiative.project, own).items():
        reached[period] = n
        if not is_small(n):  # the report hides a count of 1-4 citizens
            shown.add(period)
    for row in goals:
        goal, value = row["goal"], row["exact"]
        for (start, end), n in reached.items():
            if not (start <= goal.period_start and goal.period_end <= end):
                continue
            values = {"goal": value, "rest": n - value, "reached": n}
            hidden = protect(values, [(["goal", "rest"], "reached")], implicit={"rest"},
                             also=() if (start, end) in shown else {"reached"})
            if "goal" in hidden:
                row["value"] = HIDDEN
                break


def _hide_overlapping(rows: list[dict]) -> None:
    """Hide every count whose period overlaps a hidden one's of the same indicator. Then no shown
    goal covers a day of the hidden one's period, so no sum or difference of shown goals gives it,
    nor a hidden goal that covers it."""
    hidden = [r["goal"] for r in rows if r["value"] is HIDDEN]
    for other in rows:
        o = other["goal"]
        if other["value"] and any(o.key == g.key and o.period_start <= g.period_end and g.period_start <= o.period_end
                                  for g in hidden):
            other["value"] = HIDDEN


def add_indicator(*, initiative: Initiative, key: str, target: Decimal, period_start: date, period_end: date,
                  note: str = "") -> GoalIndicator:
    goal = GoalIndicator(initiative=initiative, key=key, target=target, period_start=period_start,
                         period_end=period_end, note=note)
    goal.full_clean()
    goal.save()
    return goal
