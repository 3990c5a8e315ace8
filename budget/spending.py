"""Spending booked on budget lines: entered by hand, or imported from the finance system's CSV
(read and checked in finance_csv)."""

import hashlib
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.identity import check_no_identity

from .finance_csv import read_finance_csv
from .models import CURRENCY, BudgetLine, FinanceImport, Initiative, SpendingEntry
from .money import first_of_month


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
