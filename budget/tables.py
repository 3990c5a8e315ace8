"""The budget note's tables (Tabel 2 and 3) from an initiative's figures, in 1,000 DKK."""

from collections import defaultdict
from datetime import date

from .forecast import InitiativeFigures
from .money import ZERO, period_label, thousands


def budget_table(figures: list[InitiativeFigures]) -> dict:
    """The budget note's Tabel 2: lines with the same activity and kind as one row, in 1,000 DKK.

    Columns are the years (or part-years) of the initiatives' periods, then the total.
    Amounts are summed in DKK and only then rounded, so the rows add up as in the note.
    """
    columns = {}
    for f in figures:
        i = f.initiative
        for year in range(i.start_date.year, i.end_date.year + 1):
            start = max(i.start_date, date(year, 1, 1))
            end = min(i.end_date, date(year, 12, 31))
            columns.setdefault(year, (start, end))
            s, e = columns[year]
            columns[year] = (min(s, start), max(e, end))
    years = sorted(columns)
    rows, grouped = [], {}
    for f in figures:
        for lf in f.lines:
            key = (f.initiative.pk, lf.line.text, lf.line.kind)
            if key not in grouped:
                grouped[key] = {"initiative": f.initiative, "text": lf.line.text, "kind": lf.line.get_kind_display(),
                                "by_year": defaultdict(lambda: ZERO), "total": ZERO,
                                "first": not any(r["initiative"] == f.initiative for r in rows)}
                rows.append(grouped[key])
            grouped[key]["by_year"][lf.line.year] += lf.line.amount
            grouped[key]["total"] += lf.line.amount
    total_by_year = {y: sum((r["by_year"][y] for r in rows), ZERO) for y in years}
    return {
        "columns": [period_label(*columns[y]) for y in years],
        "rows": [
            {**r, "cells": [thousands(r["by_year"][y]) for y in years], "total_k": thousands(r["total"])}
            for r in rows
        ],
        "totals": [thousands(total_by_year[y]) for y in years],
        "total": thousands(sum(total_by_year.values(), ZERO)),
    }


def appropriation_table(figures: list[InitiativeFigures]) -> list[dict]:
    """The note's Tabel 3: per initiative, committee and appropriation, in 1,000 DKK."""
    rows = {}
    for f in figures:
        for lf in f.lines:
            key = (f.initiative.pk, lf.line.committee, lf.line.account)
            row = rows.setdefault(key, {"initiative": f.initiative, "committee": lf.line.committee,
                                        "account": lf.line.account, "amount": ZERO})
            row["amount"] += lf.line.amount
    return [{**r, "amount_k": thousands(r["amount"])} for r in rows.values()]
