"""The finance system's CSV: read and check every row, all or nothing (see docs/budget.md).

Nothing here stores anything; spending.import_finance_csv saves what read_finance_csv returns.
"""

import hashlib
import re
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from brobygger.identity import check_no_identity
from brobygger.spreadsheets import UnreadableFile, parse_date, read_csv
from brobygger.text import clean_control_characters

from .models import Initiative

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000


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
