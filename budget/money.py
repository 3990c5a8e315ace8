"""Months and money: the calendar and rounding rules every budget figure uses."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format

from brobygger import rounding

ZERO = Decimal("0")
THOUSAND = Decimal("1000")


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from start's month to end's month, both included."""
    months, month = [], first_of_month(start)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def thousands(amount: Decimal | None) -> int | None:
    """DKK -> whole thousands of DKK, rounded half up as in the budget note (424.5 -> 425): the one
    rounding rule (brobygger.rounding)."""
    if amount is None:
        return None
    return rounding.round_half_up(Decimal(amount) / THOUSAND, 0)


def period_label(start: date, end: date) -> str:
    """'May-Dec 2026' for part of a year, '2026' for all of it."""
    if start == date(start.year, 1, 1) and end == date(end.year, 12, 31) and start.year == end.year:
        return str(start.year)
    first = date_format(start, "M")
    last = date_format(end, "M")
    if start.year == end.year:
        return f"{first}–{last} {start.year}".capitalize()
    return f"{first} {start.year}–{last} {end.year}".capitalize()
