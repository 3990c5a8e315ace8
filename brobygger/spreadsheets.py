"""Spreadsheets in and out, in one place: every Excel file and CSV file Brobygger writes or reads.

- `write_xlsx` is the one Excel writer (report, registration export, outreach follow-up...).
  Every text cell is typed as text, loses the characters an Excel file cannot hold (control
  characters: text already stored with Word's vertical tab must not break an export), and
  when it begins like a formula it gets Excel's own "text" prefix (the cell shows and keeps
  the text exactly; Excel never runs it).
- `write_csv` / `csv_writer` put an apostrophe before such text instead (CSV has no cell
  types), and `read_csv` takes that apostrophe off again, so a file we wrote reads back as
  the text we had.
- `read_csv` decodes (UTF-8 with or without BOM, else Windows-1252 as Danish Excel saves
  "CSV (semikolonsepareret)") and guesses the separator; `parse_date` reads a date cell or
  one of the four written forms. Both are shared by every importer.
- `cell_text` reads a workbook cell as a one-line form field takes text (brobygger.text):
  control characters out, a line break (Alt+Enter in Excel) a space. `read_csv` gives the
  file's text as it is: its one importer of free text (the budget's) keeps a row's hash of
  the file's own text and cleans what it stores.

No app is imported here: `brobygger` is the floor every app stands on.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from brobygger.text import clean_control_characters

# What Excel (and LibreOffice) take as the start of a formula, or of a DDE call: the four
# signs, their full-width forms (an East Asian keyboard or a pasted text gives these, and
# some spreadsheet programs fold them to the plain ones), and the whitespace that can lead
# a formula past a guard that only looks at the first character.
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
CSV_SEPARATORS = (",", ";", "\t")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


class UnreadableFile(Exception):
    """The file cannot be read at all (not a workbook or text, encrypted, too big...)."""


# -- text in cells ------------------------------------------------------------------------

def clean_text(text: str) -> str:
    """`text` without the characters an .xlsx (XML 1.0) cannot hold: the one rule of
    brobygger.text, with line breaks kept (a stored name with \\x0b or \\x1b must still export)."""
    return clean_control_characters(text, multiline=True)


def looks_like_formula(text: str) -> bool:
    return bool(text) and (text[0] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS)


def guard_csv(value):
    """A CSV cell: text cleaned, and an apostrophe before text that a spreadsheet would run."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return "'" + text if looks_like_formula(text) else text


def unguard(text: str) -> str:
    """Undo `guard_csv`: the apostrophe we put before formula-like text is not part of the text."""
    if text.startswith("'") and looks_like_formula(text[1:]):
        return text[1:]
    return text


# -- writing -----------------------------------------------------------------------------

@dataclass
class Sheet:
    title: str
    headers: list
    rows: list = field(default_factory=list)
    widths: dict = field(default_factory=dict)  # column letter -> width in characters


def _sheet_title(title) -> str:
    # Excel refuses []:*?/\ in a title, a title longer than 31 characters, and one starting
    # or ending with an apostrophe.
    text = re.sub(r"[\[\]:*?/\\]", " ", clean_text(str(title)))[:31].strip().strip("'")
    return text or "Ark"


def _distinct_title(title: str, used: set) -> str:
    candidate, number = title, 1
    while candidate.casefold() in used:
        number += 1
        candidate = f"{title[:31 - len(str(number)) - 1]} {number}"
    used.add(candidate.casefold())
    return candidate


# Number formats by the Python type of a value: whole numbers with a thousands separator, one decimal
# for rates and means, dates as ISO (the same in every locale).
NUMBER_FORMATS = {int: "#,##0", float: "#,##0.0", date: "yyyy-mm-dd", datetime: "yyyy-mm-dd hh:mm"}
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE = 8, 60, 500


def _text_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: list, rows) -> dict:
    """Column letter -> width in characters: the widest of the header and the first rows (a list; a
    generator is not consumed, so its columns get the header's width), within sensible bounds."""
    from openpyxl.utils import get_column_letter

    sample = rows[:WIDTH_SAMPLE] if isinstance(rows, list) else []
    widths = {}
    for index, header in enumerate(headers):
        longest = max([_text_length(header)] + [_text_length(row[index]) for row in sample if index < len(row)])
        widths[get_column_letter(index + 1)] = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
    return widths


def write_xlsx(sheets: list[Sheet]) -> bytes:
    """The workbook of `sheets`, written in openpyxl's write-only mode (constant memory)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value, font=None):
        if value is not None and not isinstance(value, int | float | date | datetime | str):
            value = str(value)  # lazy translations, Decimals, model instances: their text
        if isinstance(value, str):
            # Line breaks come out as LF (a bare CR would come back as LF anyway: XML reads line ends so).
            text = clean_text(value)
            result = WriteOnlyCell(sheet, value=text)
            result.data_type = "s"  # never a formula, whatever the text
            if looks_like_formula(text):
                result.quotePrefix = True  # what Excel stores when a user types '=...
        else:
            result = WriteOnlyCell(sheet, value=value)
            number_format = NUMBER_FORMATS.get(type(value))
            if number_format:
                result.number_format = number_format
        if font is not None:
            result.font = font
        return result

    used = set()
    for spec in sheets:
        sheet = workbook.create_sheet(title=_distinct_title(_sheet_title(spec.title), used))
        for letter, width in {**column_widths(spec.headers, spec.rows), **spec.widths}.items():
            sheet.column_dimensions[letter].width = width
        sheet.append([cell(sheet, h, bold) for h in spec.headers])
        for row in spec.rows:
            sheet.append([cell(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class csv_writer:  # noqa: N801 (used like csv.writer)
    """csv.writer over `out` (a file or an HttpResponse) whose every text cell goes through guard_csv."""

    def __init__(self, out, *, delimiter=","):
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")

    def writerow(self, row):
        self._writer.writerow([guard_csv(v) for v in row])


def write_csv(headers: list, rows, *, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv_writer(out, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


# -- reading -----------------------------------------------------------------------------

def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252; UnreadableFile when it is not text at all."""
    if b"\x00" in data:
        raise UnreadableFile(_("The file is not a text (CSV) file. Save it as CSV and try again."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is not a text (CSV) file. Save it as CSV and try again.")) from error


def guess_separator(first_line: str) -> str:
    """The separator the header line uses most: comma, semicolon or tab (comma when none)."""
    return max(CSV_SEPARATORS, key=first_line.count)


def read_csv(data: bytes):
    """The rows of a CSV file as lists of text, cells stripped and unguarded. Raises UnreadableFile."""
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=guess_separator(first_line))
    for row in reader:
        yield [unguard(cell.strip()).strip() for cell in row]


def cell_text(value) -> str:
    """A cell's value as trimmed text on one line, without control characters: a whole float as an
    integer, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_control_characters(str(value)).strip()


def parse_date(value) -> date | None:
    """A date cell or text in one of DATE_FORMATS; None if empty; ValueError if it is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def sheet_previews(data: bytes, rows: int) -> list[tuple[str, list[str], list[list[str]], int]]:
    """For each sheet of a workbook we wrote: (title, header cells, the first `rows` rows, how many
    rows there are below the header), cells as text and a date (stored as midnight) without its time.
    The row count is counted, not read from the sheet's stated size (unreliable in read-only mode)."""
    from itertools import islice

    import openpyxl

    def text(value) -> str:
        if isinstance(value, datetime) and value.time() == datetime.min.time():
            return value.date().isoformat()
        return cell_text(value)

    previews = []
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        for sheet in book.worksheets:
            values = sheet.iter_rows(values_only=True)
            headers = [text(v) for v in next(values, [])]
            first = [[text(v) for v in row] for row in islice(values, rows)]
            previews.append((sheet.title, headers, first, len(first) + sum(1 for _row in values)))
    finally:
        book.close()
    return previews
