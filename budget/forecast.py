"""Money against budget: the forecast of each budget line month by month, and an initiative's figures.

All figures of a project come from three queries (initiatives, lines, one grouped Sum).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from .models import BudgetLine, Initiative, SpendingEntry
from .money import ZERO, months_between


@dataclass
class MonthFigures:
    month: date
    plan: Decimal
    spent: Decimal
    committed: Decimal
    forecast: Decimal
    booked: bool  # spending is booked up to and including this month


@dataclass
class LineFigures:
    line: BudgetLine
    months: list
    budget: Decimal
    spent: Decimal
    committed: Decimal
    forecast: Decimal

    @property
    def over_budget(self) -> bool:
        return self.forecast > self.budget

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.forecast


def line_forecast(line: BudgetLine, period_months: list[date], spent: dict, committed: dict) -> LineFigures:
    """Budget, spent, committed and forecast of one line, month by month.

    The line's budget is planned evenly over the initiative's months in the line's year.
    Months up to the last one with spending booked are "booked": their forecast is what was
    spent plus what is committed. A later month's forecast is its commitments if any were
    entered, else the run rate: the average spent per month so far (the plan while nothing
    is booked yet). Entering or importing spending therefore moves the forecast.
    """
    months = [m for m in period_months if m.year == line.year] or period_months
    plan = (line.amount / len(months)).quantize(Decimal("0.01"))
    booked_months = [m for m in months if m in spent]
    last_booked = max(booked_months) if booked_months else None
    if last_booked is None:
        run_rate = plan
    else:
        elapsed = [m for m in months if m <= last_booked]
        run_rate = sum((spent.get(m, ZERO) for m in elapsed), ZERO) / len(elapsed)
    rows = []
    for m in months:
        s, c = spent.get(m, ZERO), committed.get(m, ZERO)
        booked = last_booked is not None and m <= last_booked
        forecast = s + c if booked else (c if c else run_rate)
        rows.append(MonthFigures(m, plan, s, c, forecast.quantize(Decimal("0.01")), booked))
    return LineFigures(
        line=line, months=rows, budget=line.amount,
        spent=sum((r.spent for r in rows), ZERO),
        committed=sum((r.committed for r in rows), ZERO),
        forecast=sum((r.forecast for r in rows), ZERO),
    )


@dataclass
class InitiativeFigures:
    initiative: Initiative
    months: list[date]
    lines: list[LineFigures]

    @property
    def budget(self):
        return sum((f.budget for f in self.lines), ZERO)

    @property
    def spent(self):
        return sum((f.spent for f in self.lines), ZERO)

    @property
    def committed(self):
        return sum((f.committed for f in self.lines), ZERO)

    @property
    def forecast(self):
        return sum((f.forecast for f in self.lines), ZERO)

    @property
    def over_budget(self) -> bool:
        return self.forecast > self.budget

    @property
    def remaining(self):
        return self.budget - self.forecast

    @property
    def lines_over_budget(self):
        return [f for f in self.lines if f.over_budget]

    def month_totals(self) -> list[dict]:
        """Per month, all lines together, with running totals for the chart."""
        totals, running = [], defaultdict(lambda: ZERO)
        for month in self.months:
            row = {"month": month}
            for key in ("plan", "spent", "committed", "forecast"):
                row[key] = sum(
                    (getattr(m, key) for f in self.lines for m in f.months if m.month == month), ZERO
                )
                running[key] += row[key]
                row[f"{key}_cumulative"] = running[key]
            row["booked"] = any(m.booked for f in self.lines for m in f.months if m.month == month)
            totals.append(row)
        return totals


def budget_figures(initiatives) -> list[InitiativeFigures]:
    """Figures for several initiatives in three queries, whatever the number of entries."""
    initiatives = list(initiatives)
    lines = defaultdict(list)
    for line in BudgetLine.objects.filter(initiative__in=initiatives).order_by("pk"):
        lines[line.initiative_id].append(line)
    spent, committed = defaultdict(dict), defaultdict(dict)
    sums = (
        SpendingEntry.objects.filter(line__initiative__in=initiatives)
        .values("line_id", "month", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in sums:
        target = spent if row["kind"] == SpendingEntry.Kind.SPENT else committed
        target[row["line_id"]][row["month"]] = row["total"]
    result = []
    for initiative in initiatives:
        months = months_between(initiative.start_date, initiative.end_date)
        figures = [line_forecast(line, months, spent[line.pk], committed[line.pk]) for line in lines[initiative.pk]]
        result.append(InitiativeFigures(initiative, months, figures))
    return result
