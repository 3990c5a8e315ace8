"""Reading and writing the exchange format (docs/exchange.md, version 2): no database here.

The readers return plain rows plus every problem found, each with its row and column,
so the importer can refuse a whole file and list everything wrong in one go.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from time import monotonic

from django.utils.translation import gettext as _

from brobygger import genders
from brobygger.identity import identity_problems
from brobygger.spreadsheets import UnreadableFile, cell_text, parse_date, read_csv, unguard

__all__ = ["UnreadableFile", "parse_date"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# What a workbook may hold, checked before openpyxl parses it (issue 14.3: a 1.7 KB file that
# declared Excel's whole grid, and one of 374 KB that unpacked to 100 MB, each tied a worker up
# for a minute). 100,000 citizens, written as openpyxl writes them (text inline in every cell),
# unpack to about 75 MB and pack about 13 times smaller; Excel's own files pack about 10 times.
MAX_ROWS = 100_000  # citizens, below the header
MAX_COLUMNS = 1000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKING_RATIO = 100  # for a part larger than 1 MB unpacked
MAX_ZIP_MEMBERS = 2000
# How long a web request may spend reading a workbook; the commands have no limit.
WEB_TIME_LIMIT = 20
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([^\"]*)\"")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b")
_CELL_COLUMN = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Za-z]{1,3})\d")
_REFERENCE = re.compile(r"([A-Za-z]{1,3})?(\d+)?$")

REGISTRATION_SHEET = "borgere"
ID = "Borger-ID"
GENDER = "Køn"
AGE = "Alder"
START = "Startdato"
END = "Slutdato"
TRAFFICKING = "Henvist til indsats mod menneskehandel"
OTHER_SERVICES = "Visiteret til andre tilbud"
FIXED_COLUMNS = [ID, GENDER, AGE, START, END, TRAFFICKING, OTHER_SERVICES]
REQUIRED_COLUMNS = [ID, START]

# Version 2 (December 2026) adds the exit indicators: a sheet "Indikatorer", one row per
# measurement, and a sheet "Format" that declares the version. A workbook without that sheet is
# version 1 and is read exactly as before (its sheets other than Borgere are never looked at).
FORMAT_VERSION = 2
VERSION_SHEET = "Format"
VERSION_LABEL = "Formatversion"
INDICATOR_SHEET = "Indikatorer"
MEASURED_ON = "Dato"
KIND = "Måling"
# The indicators' column headers (Danish, the format's language) by field of outcomes.categories.
# Their answers are written as the categories' stable codes (own_lease, 3+, unknown, ...).
INDICATOR_HEADERS = {
    "housing": "Bolig",
    "income": "Hovedindkomst",
    "occupation": "Arbejde eller uddannelse",
    "own_gp": "Egen læge",
    "health_contact": "Kontakt med sundhedsvæsenet",
    "support": "Nogen at gå til",
    "selling_sex": "Salg af seksuelle ydelser",
}
INDICATOR_COLUMNS = [ID, MEASURED_ON, KIND, *INDICATOR_HEADERS.values()]

WHO5_DATE = "Dato"
WHO5_ITEMS = ["Spm1", "Spm2", "Spm3", "Spm4", "Spm5"]
WHO5_COLUMNS = [ID, WHO5_DATE, *WHO5_ITEMS]

YES = {"x", "1", "ja"}
NO = {"", "0", "nej"}


@dataclass
class Problem:
    row: int | None
    column: str
    message: str
    sheet: str = ""  # only for a sheet other than the registrations (format version 2)

    def __str__(self):
        if self.row is None:
            return self.message
        if self.sheet and self.column:
            return _("Sheet %(sheet)s, row %(row)s, column %(column)s: %(message)s") % {
                "sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}
        if self.sheet:
            return _("Sheet %(sheet)s, row %(row)s: %(message)s") % {
                "sheet": self.sheet, "row": self.row, "message": self.message}
        if self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class Registration:
    row: int
    ref: str
    gender: str = "unknown"
    age: int | None = None
    start: date | None = None
    end: date | None = None
    trafficking: bool = False
    other_services: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)


@dataclass
class MeasurementRow:
    row: int
    ref: str
    measured_on: date | None
    kind: str
    answers: dict


@dataclass
class Who5Row:
    row: int
    ref: str
    answered_on: date | None
    answers: list[int]


@dataclass
class Parsed:
    rows: list
    problems: list[Problem]
    interventions: list[str] = field(default_factory=list)
    measurements: list[MeasurementRow] = field(default_factory=list)
    version: int = 1


def _text(value) -> str:
    """A cell as trimmed text, without the apostrophe an export put before formula-like text."""
    return unguard(cell_text(value))


def _shown(value) -> str:
    """A cell's text for a message: shortened, and never repeated if it may identify someone."""
    text = _text(value)
    if identity_problems(text):
        return "…"
    return text if len(text) <= 40 else text[:39] + "…"


def column_letter(index: int) -> str:
    """The spreadsheet's letters for the column at 0-based `index` (0 is A, 26 is AA)."""
    from openpyxl.utils import get_column_letter  # openpyxl loads only when a workbook is handled

    return get_column_letter(index + 1)


def parse_mark(value) -> bool:
    """x, X, 1, Ja -> True; empty, 0, Nej -> False; anything else ValueError."""
    text = _text(value).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(text)


def _header_map(headers, fixed):
    """{fixed column name: index} and [(index, other header)] matching case-insensitively."""
    wanted = {name.casefold(): name for name in fixed}
    found, others = {}, []
    for index, header in enumerate(headers):
        text = _text(header)
        if not text:
            continue
        name = wanted.get(text.casefold())
        if name and name not in found:
            found[name] = index
        elif name:
            others.append((index, None))  # a second column with a fixed name: reported by the caller
        else:
            others.append((index, text))
    return found, others


# -- registration workbook -------------------------------------------------------------

def _too_many_rows():
    return UnreadableFile(_("The sheet has more than %(max)s rows. Split the file into smaller files.")
                          % {"max": MAX_ROWS})


def _too_many_columns():
    return UnreadableFile(_("The sheet has more than %(max)s columns.") % {"max": MAX_COLUMNS})


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _check_reference(reference: str) -> None:
    """A cell or range (A1, A1:XFD1048576) reaching beyond the rows or columns a sheet may have."""
    for corner in reference.split(":"):
        match = _REFERENCE.match(corner.strip().replace("$", ""))
        if not match:
            continue
        letters, digits = match.groups()
        if digits and int(digits) > MAX_ROWS + 1:
            raise _too_many_rows()
        if letters and _column_number(letters) > MAX_COLUMNS:
            raise _too_many_columns()


def _scan_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, deadline: float | None) -> None:
    """Read a sheet's XML as bytes (no parser: a regular expression over each chunk) for its declared
    size, its row numbers, its number of rows and its columns, stopping at the first that is too big."""
    rows = 0
    tail = b""
    with archive.open(member) as source:
        while chunk := source.read(1 << 20):
            _check_deadline(deadline)
            # A tag cut in two by the chunk boundary is seen whole in the next look (the tail).
            # Tags are counted in this chunk only, so none is counted twice.
            text = tail + chunk
            for match in _DIMENSION.finditer(text):
                _check_reference(match.group(1).decode("ascii", "replace"))
            rows += len(_ROW.findall(chunk))
            numbers = _ROW_NUMBER.findall(text)
            if rows > MAX_ROWS + 1 or (numbers and max(map(int, numbers)) > MAX_ROWS + 1):
                raise _too_many_rows()
            # Only three letters reach beyond ZZ (column 702).
            if any(_column_number(c.decode()) > MAX_COLUMNS for c in set(_CELL_COLUMN.findall(text)) if len(c) == 3):
                raise _too_many_columns()
            tail = chunk[-200:]


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and monotonic() > deadline:
        raise UnreadableFile(_(
            "Reading the workbook took too long. Split it into smaller files, or ask an administrator "
            "to import it with the import_registrations command."))


def check_upload(data: bytes, *, deadline: float | None = None) -> None:
    """Refuse what is not a plain, reasonably sized .xlsx before openpyxl opens it: too big packed
    or unpacked, packed suspiciously tightly (a zip bomb), or a sheet declaring or holding more
    rows or columns than a registration sheet may have."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(_("The file is larger than 20 MB. Split it or remove what is not needed."))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # An OLE container: an old .xls or a password-protected workbook (Excel encrypts into OLE).
        raise UnreadableFile(_(
            "The file is password-protected or in the old .xls format. Remove the password "
            "or save it as an Excel workbook (.xlsx) and try again."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            # The sizes in the zip's directory bound what unpacking yields: zipfile stops at the
            # stated size (and a part that holds more fails its checksum).
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise UnreadableFile(_("The workbook is too large when unpacked."))
            for m in members:
                if m.file_size > 1024 * 1024 and m.file_size > MAX_PACKING_RATIO * max(m.compress_size, 1):
                    raise UnreadableFile(_(
                        "The workbook is packed unusually tightly, as files made to overload a server are. "
                        "Open it in Excel, save it again and try again."))
            if "xl/workbook.xml" not in {m.filename for m in members}:
                raise UnreadableFile(_("The file is not an Excel workbook (.xlsx)."))
            for m in members:
                if _SHEET_PART.fullmatch(m.filename):
                    _scan_sheet(archive, m, deadline)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise UnreadableFile(_("The workbook could not be read. Is it a valid Excel file (.xlsx)?")) from error


def _open_workbook(data: bytes, deadline: float | None):
    import openpyxl

    check_upload(data, deadline=deadline)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(_("The workbook could not be read. Is it a valid Excel file (.xlsx)?")) from error


def read_registrations(data: bytes, *, time_limit: float | None = None) -> Parsed:
    """Parse a registration workbook (bytes). Raises UnreadableFile; row problems are in the result.

    `time_limit` (seconds) bounds the reading in a web request; every part that is not read
    under it (the zip's directory, openpyxl's opening of the workbook) is bounded in size first.
    """
    deadline = None if time_limit is None else monotonic() + time_limit
    workbook = _open_workbook(data, deadline)
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise UnreadableFile(_("The workbook has no sheets."))
        by_title = {}
        for s in sheets:
            by_title.setdefault(s.title.strip().casefold(), s)
        version, problems = _declared_version(by_title.get(VERSION_SHEET.casefold()))
        if problems:
            return Parsed([], problems, version=version)
        # Version 2's own sheets are never taken for the registrations, whatever their place.
        own = {VERSION_SHEET.casefold(), INDICATOR_SHEET.casefold()} if version >= 2 else set()
        sheet = by_title.get(REGISTRATION_SHEET) or next(
            (s for s in sheets if s.title.strip().casefold() not in own), sheets[0])
        parsed = _read_registration_rows(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), deadline)
        parsed.version = version
        indicators = by_title.get(INDICATOR_SHEET.casefold())
        # Only a file that declares version 2 has its indicators read: a version 1 workbook may hold
        # a sheet of that name for its own purposes, and must import as it always did.
        if version >= 2 and indicators is not None and indicators is not sheet:
            parsed.measurements, problems = _read_measurement_rows(
                indicators.iter_rows(values_only=True, max_col=MAX_COLUMNS), deadline)
            parsed.problems += problems
        return parsed
    finally:
        workbook.close()


def _declared_version(sheet) -> tuple[int, list[Problem]]:
    """The version the "Format" sheet declares in the row labelled "Formatversion"; 1 without one."""
    if sheet is None:
        return 1, []
    for number, values in enumerate(sheet.iter_rows(values_only=True, max_row=50, max_col=2), start=1):
        values = list(values) + [None, None]
        if _text(values[0]).casefold() != VERSION_LABEL.casefold():
            continue
        text = _text(values[1]).replace(",", ".")
        try:
            version = float(text)
            if not version.is_integer() or version < 1:
                raise ValueError
        except ValueError:
            return 1, [Problem(number, f"B ({VERSION_LABEL})", _("The format version must be a whole number."),
                               sheet=VERSION_SHEET)]
        if version > FORMAT_VERSION:
            return int(version), [Problem(number, f"B ({VERSION_LABEL})", _(
                "The file is in version %(version)s of the exchange format; Brobygger reads versions up to "
                "%(known)s. Ask for a file in version %(known)s.") % {"version": int(version), "known": FORMAT_VERSION},
                sheet=VERSION_SHEET)]
        return int(version), []
    return 1, []  # a sheet named "Format" without the label: a version 1 workbook's own sheet


def _not_a_code(value, codes) -> str:
    if not _text(value):
        return _("The cell is empty. Use one of the codes %(codes)s.") % {"codes": ", ".join(codes)}
    return _('"%(value)s" is not one of the codes %(codes)s.') % {"value": _shown(value), "codes": ", ".join(codes)}


def _read_measurement_rows(rows, deadline: float | None = None) -> tuple[list[MeasurementRow], list[Problem]]:
    """The "Indikatorer" sheet: one measurement a row, every column required, every answer a code."""
    from outcomes.categories import BY_FIELD, Kind

    def problem(row, column, message):
        return Problem(row, column, message, sheet=INDICATOR_SHEET)

    headers = next(rows, None)
    if headers is None:
        return [], [problem(1, "", _("The sheet is empty: row 1 must hold the column headers."))]
    found, others = _header_map(headers, INDICATOR_COLUMNS)
    problems = [problem(1, "", _('The column "%(name)s" is missing.') % {"name": name})
                for name in INDICATOR_COLUMNS if name not in found]
    for index, name in others:
        problems.append(problem(1, column_letter(index), _("This column header appears twice.") if name is None
                                else _("This is not a column of the indicator sheet.")))
    if problems:
        return [], problems

    def col(name):
        return f"{column_letter(found[name])} ({name})"

    codes = {name: {v.casefold(): v for v in BY_FIELD[name].choices.values} for name in INDICATOR_HEADERS}
    kinds = {v.casefold(): v for v in Kind.values}
    result = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise _too_many_rows()
        if number % 500 == 0:
            _check_deadline(deadline)
        values = list(values)
        if all(_text(v) == "" for v in values):
            continue
        get = lambda name, values=values: values[found[name]] if found[name] < len(values) else None  # noqa: E731
        ref = _text(get(ID))
        if not ref:
            problems.append(problem(number, col(ID), _("The Borger-ID is empty.")))
        try:
            measured_on = parse_date(get(MEASURED_ON))
            if measured_on is None:
                problems.append(problem(number, col(MEASURED_ON), _("The date is empty.")))
        except ValueError:
            measured_on = None
            problems.append(problem(number, col(MEASURED_ON), _(
                "This is not a date. Use a date cell or YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY.")))
        kind = kinds.get(_text(get(KIND)).casefold(), "")
        if not kind:
            problems.append(problem(number, col(KIND), _not_a_code(get(KIND), Kind.values)))
        answers = {}
        for name, header in INDICATOR_HEADERS.items():
            answers[name] = codes[name].get(_text(get(header)).casefold(), "")
            if not answers[name]:
                # Never a blank: "unknown" is an answer of its own (docs/outcomes.md).
                problems.append(problem(number, col(header), _not_a_code(get(header), BY_FIELD[name].choices.values)))
        result.append(MeasurementRow(row=number, ref=ref, measured_on=measured_on, kind=kind, answers=answers))
    return result, problems


def _read_registration_rows(rows, deadline: float | None = None) -> Parsed:
    headers = next(rows, None)
    if headers is None:
        return Parsed([], [Problem(1, "", _("The sheet is empty: row 1 must hold the column headers."))])
    found, interventions, problems = _registration_headers(headers)
    if problems:
        return Parsed([], problems)
    result: list[Registration] = []
    seen: dict[str, int] = {}  # Borger-ID, casefolded -> the row it was first found in
    for number, values in enumerate(rows, start=2):
        # Counted before empty rows are skipped: a sheet of a million empty rows is work too.
        if number > MAX_ROWS + 1:
            raise _too_many_rows()
        if number % 500 == 0:
            _check_deadline(deadline)
        values = list(values)
        if all(_text(v) == "" for v in values):
            continue
        row = _Row(number, values, found, problems)
        reg = Registration(row=number, ref=_text(row.get(ID)))
        _check_ref(row, reg.ref, seen)
        _read_gender(row, reg)
        _read_age(row, reg)
        _read_dates(row, reg)
        _read_trafficking(row, reg)
        _read_other_services(row, reg)
        _read_interventions(row, reg, interventions)
        result.append(reg)
    return Parsed(result, problems, [name for _i, name in interventions])


def _registration_headers(headers) -> tuple[dict[str, int], list[tuple[int, str]], list[Problem]]:
    """The fixed columns found ({name: index}), the intervention columns ([(index, name)]) and
    what is wrong with row 1."""
    problems: list[Problem] = []
    found, others = _header_map(headers, FIXED_COLUMNS)
    for name in REQUIRED_COLUMNS:
        if name not in found:
            problems.append(Problem(1, "", _('The column "%(name)s" is missing.') % {"name": name}))
    interventions = []
    for index, name in others:
        if name is None:
            problems.append(Problem(1, column_letter(index), _("This column header appears twice.")))
        elif name.casefold() in {n.casefold() for _i, n in interventions}:
            problems.append(Problem(1, column_letter(index), _("This column header appears twice.")))
        elif identity_problems(name):  # the header becomes a catalogue name, shown in every report
            problems.append(Problem(1, column_letter(index), _(
                "The text seems to contain a CPR number or contact details. Remove them.")))
        else:
            interventions.append((index, name))
    return found, interventions, problems


@dataclass
class _Row:
    """One row of the registration sheet being read, and the list its problems go to."""

    number: int
    values: list
    found: dict[str, int]
    problems: list[Problem]

    def get(self, name):
        index = self.found.get(name)
        return self.values[index] if index is not None and index < len(self.values) else None

    def problem(self, name, message: str):
        self.problems.append(Problem(self.number, f"{column_letter(self.found[name])} ({name})", message))


def _check_ref(row: _Row, ref: str, seen: dict[str, int]):
    if not ref:
        row.problem(ID, _("The Borger-ID is empty."))
    elif identity_problems(ref):
        row.problem(ID, _(
            "The Borger-ID looks like a CPR number or contact details. Use the project's own pseudonymous id."))
    elif len(ref) > 40:
        row.problem(ID, _("The Borger-ID is longer than 40 characters."))
    elif ref.casefold() in seen:
        row.problem(ID, _("The Borger-ID %(id)s is also used in row %(other)s.") % {
            "id": _shown(ref), "other": seen[ref.casefold()]})
    else:
        seen[ref.casefold()] = row.number


def _read_gender(row: _Row, reg: Registration):
    try:
        reg.gender = genders.from_word(_text(row.get(GENDER)))
    except ValueError:
        row.problem(GENDER, _(
            '"%(value)s" is not a known gender. Use Kvinde, Mand, Non-binær or leave the cell empty.')
            % {"value": _shown(row.get(GENDER))})


def _read_age(row: _Row, reg: Registration):
    age = row.get(AGE)
    if not _text(age):
        return
    try:
        number_age = float(_text(age).replace(",", "."))
        if not number_age.is_integer():
            raise ValueError
        reg.age = int(number_age)
    except ValueError:
        row.problem(AGE, _("The age is not a whole number."))
    else:
        if reg.age < 18:
            row.problem(AGE, _("The age is under 18. Brobygger is for adults only."))
        elif reg.age > 120:
            row.problem(AGE, _("The age is over 120."))


def _read_dates(row: _Row, reg: Registration):
    for name, attr in ((START, "start"), (END, "end")):
        try:
            setattr(reg, attr, parse_date(row.get(name)))
        except ValueError:
            row.problem(name, _(
                "This is not a date. Use a date cell or YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY."))
    if START in row.found and reg.start is None and not any(
            p.row == row.number and START in p.column for p in row.problems):
        row.problem(START, _("The start date is empty."))
    if reg.start and reg.end and reg.end < reg.start:
        row.problem(END, _("The end date is before the start date."))


def _read_trafficking(row: _Row, reg: Registration):
    if TRAFFICKING not in row.found:
        return
    try:
        reg.trafficking = parse_mark(row.get(TRAFFICKING))
    except ValueError:
        row.problem(TRAFFICKING, _(
            '"%(value)s" is not understood. Use Ja, Nej, X, 1, 0 or leave the cell empty.')
            % {"value": _shown(row.get(TRAFFICKING))})


def _read_other_services(row: _Row, reg: Registration):
    services = [s.strip() for s in _text(row.get(OTHER_SERVICES)).split(";") if s.strip()]
    for service in services:
        if identity_problems(service):
            row.problem(OTHER_SERVICES, _(
                "The text seems to contain a CPR number or contact details. Remove them."))
            break
        if len(service) > 200:
            row.problem(OTHER_SERVICES, _("A service name is longer than 200 characters."))
            break
    reg.other_services = services


def _read_interventions(row: _Row, reg: Registration, interventions: list[tuple[int, str]]):
    for index, name in interventions:
        value = row.values[index] if index < len(row.values) else None
        try:
            if parse_mark(value):
                reg.interventions.append(name)
        except ValueError:
            row.problems.append(Problem(row.number, f"{column_letter(index)} ({name})", _(
                '"%(value)s" is not understood. Use x, 1 or Ja when the citizen received it; '
                'leave empty, 0 or Nej when not.') % {"value": _shown(value)}))


# -- WHO-5 answers ---------------------------------------------------------------------

def read_who5(data: bytes) -> Parsed:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(_("The file is larger than 20 MB. Split it or remove what is not needed."))
    reader = read_csv(data)
    headers = next(reader, None)
    if not headers:
        return Parsed([], [Problem(1, "", _("The file is empty: line 1 must hold the column headers."))])
    found, _others = _header_map(headers, WHO5_COLUMNS)
    problems = [Problem(1, "", _('The column "%(name)s" is missing.') % {"name": name})
                for name in WHO5_COLUMNS if name not in found]
    if problems:
        return Parsed([], problems)
    result = []
    for number, values in enumerate(reader, start=2):
        if not any(values):
            continue
        get = lambda name, values=values: values[found[name]] if found[name] < len(values) else ""  # noqa: E731
        ref = get(ID)
        if not ref:
            problems.append(Problem(number, ID, _("The Borger-ID is empty.")))
        try:
            answered_on = parse_date(get(WHO5_DATE))
            if answered_on is None:
                problems.append(Problem(number, WHO5_DATE, _("The date is empty.")))
        except ValueError:
            answered_on = None
            problems.append(Problem(number, WHO5_DATE, _(
                "This is not a date. Use YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY.")))
        answers = []
        for item in WHO5_ITEMS:
            value = get(item)
            if not value:
                problems.append(Problem(number, item, _("The answer is missing.")))
            elif not (value.isascii() and value.isdigit()) or not 0 <= int(value) <= 5:
                problems.append(Problem(number, item, _("The answer must be a whole number from 0 to 5.")))
            else:
                answers.append(int(value))
        result.append(Who5Row(row=number, ref=ref, answered_on=answered_on, answers=answers))
    return Parsed(result, problems)
