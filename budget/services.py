"""Budget rules: the forecast, manual and imported spending, goals' progress, the team meeting.

Views, the demo and the tests call these functions; nothing here knows about requests.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum, prefetch_related_objects
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger import indicators, rounding
from brobygger.disclosure import HIDDEN
from brobygger.identity import check_no_identity
from brobygger.spreadsheets import UnreadableFile, parse_date, read_csv
from brobygger.text import clean_control_characters

from .models import CURRENCY, BudgetLine, FinanceImport, Flag, GoalIndicator, Initiative, MeetingHeld, SpendingEntry

ZERO = Decimal("0")
THOUSAND = Decimal("1000")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MEETING_DEFAULT_DAYS = 7


# Months and money -------------------------------------------------------------------------


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


# The forecast -----------------------------------------------------------------------------


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


def next_initiative_number(project) -> int:
    last = Initiative.objects.filter(project=project).order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


# Spending by hand -------------------------------------------------------------------------


@transaction.atomic
def enter_spending(*, line: BudgetLine, month: date, kind: str, amount: Decimal, by, text: str = "") -> SpendingEntry:
    """Set the amount spent (or committed) on a line in a month; entering it again replaces it."""
    if not isinstance(amount, Decimal):
        raise TypeError("amounts are Decimals, never floats")
    month = first_of_month(month)
    initiative = line.initiative
    if not first_of_month(initiative.start_date) <= month <= initiative.end_date:
        raise ValidationError({"month": _("The month is outside the initiative's period.")})
    if month.year != line.year:
        raise ValidationError({"month": _("The budget line is for %(year)s.") % {"year": line.year}})
    check_no_identity(text)
    entry, _created = SpendingEntry.objects.update_or_create(
        line=line, month=month, kind=kind, source=SpendingEntry.Source.MANUAL,
        defaults={"amount": amount, "currency": CURRENCY, "text": text, "entered_by": by},
    )
    return entry


# The finance system's CSV -----------------------------------------------------------------


class ImportRefused(Exception):
    """The file is refused whole; `problems` lists every reason, with row numbers."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


HEADERS = {
    "date": {"date", "dato", "bogføringsdato", "posting date"},
    "account": {"account", "konto", "kontonummer", "psp", "psp-element"},
    "amount": {"amount", "beløb", "belob", "beloeb"},
    "text": {"text", "tekst", "description", "beskrivelse"},
}
_CURRENCY_RE = re.compile(r"\s*(dkk|kr\.?)\s*", re.IGNORECASE)


def parse_amount(raw: str) -> Decimal:
    """'1.234,50', '1234.50', '-300', '1 234,50 DKK', 'kr. 99,95' -> Decimal. ValueError if malformed.

    A currency other than DKK is refused; a number with more than two decimals is refused;
    a float never appears.
    """
    text = (raw or "").strip().replace("\u2212", "-").replace("\xa0", " ")
    text = _CURRENCY_RE.sub(" ", text).strip().replace(" ", "")
    if not text or re.search(r"[^0-9.,-]", text) or text.count("-") > 1 or "-" in text[1:]:
        raise ValueError(raw)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    if "," in digits and "." in digits:
        decimal_sep = "," if digits.rfind(",") > digits.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        if not re.fullmatch(rf"\d{{1,3}}(\{group_sep}\d{{3}})*\{decimal_sep}\d{{1,2}}", digits):
            raise ValueError(raw)
        digits = digits.replace(group_sep, "").replace(decimal_sep, ".")
    elif "," in digits or "." in digits:
        sep = "," if "," in digits else "."
        if re.fullmatch(rf"\d+\{sep}\d{{1,2}}", digits):
            digits = digits.replace(sep, ".")
        elif re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", digits):
            digits = digits.replace(sep, "")
        else:
            raise ValueError(raw)
    elif not digits.isdigit():
        raise ValueError(raw)
    try:
        value = Decimal(sign + digits)
    except InvalidOperation:
        raise ValueError(raw) from None
    if abs(value) >= Decimal("1e12"):
        raise ValueError(raw)
    return value


def _row_hash(initiative: Initiative, booked_on: date, account: str, amount: Decimal, text: str, seen: int) -> str:
    """Recognises a row again in a later upload: the same row of the same file gives the same hash.

    `seen` counts identical rows earlier in the file, so two genuinely equal bookings both count.
    """
    key = f"{initiative.pk}|{booked_on.isoformat()}|{account}|{amount:.2f}|{text}|{seen}"
    return hashlib.sha256(key.encode()).hexdigest()


def read_finance_csv(*, initiative: Initiative, data: bytes) -> list[dict]:
    """Check every row; return them, or raise ImportRefused listing every problem."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused([_("The file is larger than 2 MB.")])
    reader = read_csv(data)
    try:
        header = [h.lower() for h in next(reader, [])]
    except UnreadableFile as error:
        raise ImportRefused([str(error)]) from None
    if not any(header):
        raise ImportRefused([_("The file is empty.")])
    columns, problems = {}, []
    for name, aliases in HEADERS.items():
        matches = [i for i, h in enumerate(header) if h in aliases]
        if matches:
            columns[name] = matches[0]
        else:
            problems.append(_("The column “%(column)s” is missing from the first row.") % {"column": name})
    if problems:
        raise ImportRefused(problems + [_("The first row must name the columns: date, account, amount, text.")])

    lines = {(line.finance_account.strip().lower(), line.year): line for line in initiative.lines.all()}
    accounts = {account for account, _year in lines}
    start, end = initiative.start_date, initiative.end_date
    rows, seen = [], defaultdict(int)
    for number, cells in enumerate(reader, start=2):
        if not any(cells):
            continue
        if len(rows) + len(problems) >= MAX_ROWS:
            problems.append(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
            break
        values = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
        cell = values.__getitem__
        row_problems = []
        booked_on = amount = None
        try:
            booked_on = parse_date(cell("date"))
            if booked_on is None:
                raise ValueError("empty")
        except ValueError:
            row_problems.append(_("row %(row)d: the date “%(value)s” is not a date (use 2026-05-31 or 31-05-2026)")
                                % {"row": number, "value": cell("date")[:30]})
        else:
            if not start <= booked_on <= end:
                row_problems.append(
                    _("row %(row)d: the date %(date)s is outside the initiative's period (%(start)s to %(end)s)")
                    % {"row": number, "date": booked_on.isoformat(), "start": start.isoformat(), "end": end.isoformat()}
                )
        account = cell("account")
        if account.lower() not in accounts:
            row_problems.append(_("row %(row)d: the account “%(account)s” is not one of the initiative's budget lines")
                                % {"row": number, "account": account[:40]})
        elif booked_on and start <= booked_on <= end and (account.lower(), booked_on.year) not in lines:
            row_problems.append(_("row %(row)d: the account “%(account)s” has no budget line for %(year)d")
                                % {"row": number, "account": account[:40], "year": booked_on.year})
        try:
            amount = parse_amount(cell("amount"))
        except ValueError:
            row_problems.append(_("row %(row)d: the amount “%(value)s” is not an amount in DKK (use 1234,50)")
                                % {"row": number, "value": cell("amount")[:30]})
        entry_text = cell("text")[:300]
        try:
            check_no_identity(entry_text)
        except ValidationError:
            # The text itself is not repeated: it may hold what must not be stored.
            row_problems.append(_("row %(row)d: the text looks like it holds a CPR number, phone number or "
                                  "e-mail address") % {"row": number})
        problems.extend(row_problems)
        if not row_problems:
            identity = (booked_on, account.lower(), amount, entry_text)
            rows.append({
                # Stored without control characters; the row's hash stays that of the file's text, so a
                # file imported before is still recognised.
                "line": lines[(account.lower(), booked_on.year)], "booked_on": booked_on, "amount": amount,
                "text": clean_control_characters(entry_text),
                "hash": _row_hash(initiative, booked_on, account.lower(), amount, entry_text, seen[identity]),
            })
            seen[identity] += 1
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused([_("The file has no rows below the first.")])
    return rows


@transaction.atomic
def import_finance_csv(*, initiative: Initiative, filename: str, data: bytes, by) -> FinanceImport:
    """Import the finance system's spending, all or nothing; rows imported before are skipped."""
    rows = read_finance_csv(initiative=initiative, data=data)
    known = set(SpendingEntry.objects.filter(row_hash__in=[r["hash"] for r in rows]).values_list("row_hash", flat=True))
    new = [r for r in rows if r["hash"] not in known]
    record = FinanceImport.objects.create(
        initiative=initiative, filename=filename[:200], file_hash=hashlib.sha256(data).hexdigest(),
        rows_added=len(new), rows_already_imported=len(rows) - len(new), imported_by=by,
    )
    SpendingEntry.objects.bulk_create([
        SpendingEntry(
            line=r["line"], month=first_of_month(r["booked_on"]), kind=SpendingEntry.Kind.SPENT, amount=r["amount"],
            currency=CURRENCY, source=SpendingEntry.Source.IMPORT, text=r["text"], booked_on=r["booked_on"],
            finance_import=record, row_hash=r["hash"], entered_by=by,
        )
        for r in new
    ])
    return record


# Goals ------------------------------------------------------------------------------------

# Names for indicators other apps register, so a goal reads well even while their app is absent.
KNOWN_LABELS = {
    "anonymous_people": gettext_lazy("People using the anonymous service (unique card codes)"),
    "anonymous_contacts": gettext_lazy("Anonymous contacts"),
    "business_courses_held": gettext_lazy("Business courses held"),
    "business_course_attendance": gettext_lazy("Attendance at business courses"),
    "learning_completions": gettext_lazy("Learning modules completed"),
    "self_rated_change": gettext_lazy("Participants' self-rated change in knowledge"),
    "network_meetings_held": gettext_lazy("Network meetings held"),
    "who5_response_rate": gettext_lazy("WHO-5 response rate"),
    "who5_paired_change": gettext_lazy("WHO-5 paired change"),
}


def goal_progress(initiative: Initiative, *, hide_small: bool) -> list[dict]:
    """Each indicator of the initiative, computed live, against its target (see goals_progress)."""
    return goals_progress([initiative], hide_small=hide_small)[0]


def goals_progress(initiatives, *, hide_small: bool) -> list[list[dict]]:
    """Per initiative, each of its indicators computed live against its target.

    An indicator whose app is not installed is "not available", never an error. Beyond the
    project (hide_small) the rule of brobygger.disclosure holds across every goal given: a count
    of 1-4 people (or a share or mean made of so few) is hidden with its percentage of the
    target, and so is every other goal's count of the same indicator over a period that overlaps
    it, so the hidden one cannot be worked out as the difference of two periods.
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
                "label": registered.label if registered else KNOWN_LABELS.get(goal.key, goal.key),
                "unit": registered.unit if registered else "",
                "available": registered is not None,
                "value": shown,
                "exact": value,
                "target": int(goal.target) if goal.target == goal.target.to_integral() else goal.target,
                "caveat": indicators.caveat(goal.key, initiative.project, goal.period_start, goal.period_end),
            })
        result.append(rows)
    if hide_small:
        _hide_overlapping([row for rows in result for row in rows])
    for row in (row for rows in result for row in rows):
        value, target = row.pop("exact"), row["goal"].target
        percent = None
        if row["value"] is not HIDDEN and isinstance(value, int | float | Decimal) and target:
            percent = rounding.percent(Decimal(str(value)), target, 0)
        row.update(percent=percent, hidden=row["value"] is HIDDEN, bar=min(percent, 100) if percent is not None else 0,
                   reached=percent is not None and percent >= 100)
    return result


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


# The team meeting -------------------------------------------------------------------------


def meeting_since(project, *, today: date, requested: date | None = None) -> date:
    """What the meeting page shows "since": a chosen day, else the last meeting before today, else a week ago."""
    if requested is not None and requested <= today:
        return requested
    last = MeetingHeld.objects.filter(project=project, held_on__lt=today).order_by("-held_on").first()
    return last.held_on if last else today - timedelta(days=MEETING_DEFAULT_DAYS)


def record_meeting(*, project, on: date, by) -> MeetingHeld:
    meeting, _created = MeetingHeld.objects.get_or_create(project=project, held_on=on, defaults={"recorded_by": by})
    return meeting


def raise_flag(*, project, text: str, by, on: date, course=None) -> Flag:
    check_no_identity(text)
    if course is not None and course.project_id != project.pk:
        raise ValidationError({"course": _("The course belongs to another project.")})
    return Flag.objects.create(project=project, text=text, course=course, raised_by=by, raised_on=on)


def close_flag(*, flag: Flag, on: date) -> Flag:
    flag.done_on = max(on, flag.raised_on)
    flag.save(update_fields=["done_on"])
    return flag
