"""The one place for spreadsheets: formula guard, control characters, the Excel writer, the CSV
reader and the date parser."""

import io
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from brobygger import genders
from brobygger.spreadsheets import (
    Sheet,
    UnreadableFile,
    guard_csv,
    parse_date,
    read_csv,
    write_csv,
    write_xlsx,
)

# Every way a cell can begin that Excel or LibreOffice may run as a formula.
FORMULA_LIKE = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1", "＝1", "＋1", "－1", "＠SUM(A1)",
                "\x07=1"]


def book_cells(data):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book, [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_csv_puts_an_apostrophe_before_every_formula_start(text):
    # Cleaned by the one rule of brobygger.text first: a bell goes, a bare CR is a line break.
    assert guard_csv(text) == "'" + text.replace("\x07", "").replace("\r", "\n")


def test_csv_leaves_plain_text_and_numbers_alone():
    assert guard_csv("Jobcenter") == "Jobcenter"
    assert guard_csv("a-b") == "a-b"
    assert guard_csv(5) == 5
    assert guard_csv(None) is None


def test_control_characters_are_dropped_and_line_breaks_of_every_kind_kept_as_one():
    # The rule typed text gets on input (brobygger.text): Word's line break and NEL are line breaks.
    assert guard_csv("H17\x0bNord\x1b[0m\x07\x00\x7f\x85\ufffe") == "H17\nNord[0m\n"
    assert guard_csv("a\tb\nc\r\nd") == "a\tb\nc\nd"


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_the_csv_reader_takes_off_the_apostrophe_the_writer_put_on(text):
    data = write_csv(["a", "b"], [[text, "x"]])
    rows = list(read_csv(data))
    assert rows[1] == [text.replace("\x07", "").strip(), "x"]


def test_an_apostrophe_before_ordinary_text_is_kept():
    assert list(read_csv(b"a\n'tis\n")) == [["a"], ["'tis"]]


def test_excel_cells_are_text_never_formulas_and_keep_their_exact_text():
    data = write_xlsx([Sheet("Ark", ["=titel"], [[t] for t in FORMULA_LIKE])])
    book, cells = book_cells(data)
    # A bare carriage return comes back as a line feed (XML reads line ends so).
    assert [c.value for c in cells] == ["=titel", *[t.replace("\x07", "").replace("\r", "\n") for t in FORMULA_LIKE]]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_excel_cleans_control_characters_from_cells_headers_and_sheet_titles():
    data = write_xlsx([Sheet("Steder\x0b", ["Sted\x1b", "Antal"], [["H17\x0bNord", 3]])])
    book, cells = book_cells(data)
    assert book.sheetnames == ["Steder"]
    assert [c.value for c in cells] == ["Sted", "Antal", "H17\nNord", 3]  # Word's line break is one
    assert [c.quotePrefix for c in cells] == [False] * 4


def test_excel_keeps_numbers_and_dates_typed_and_writes_other_values_as_text():
    data = write_xlsx([Sheet("Ark", ["a", "b", "c", "d"], [[3, 12.5, date(2026, 1, 2), Path("x")]])])
    book, cells = book_cells(data)
    assert [c.value for c in cells[4:]] == [3, 12.5, datetime(2026, 1, 2), "x"]
    assert [c.font.b for c in cells] == [True] * 4 + [False] * 4


def test_excel_sheet_titles_lose_what_excel_refuses_and_stay_distinct():
    data = write_xlsx([Sheet("a/b:c" + "x" * 40, ["h"]), Sheet("a/b:c" + "x" * 40, ["h"]), Sheet("'", ["h"])])
    book, _cells = book_cells(data)
    assert book.sheetnames[0] == "a b c" + "x" * 26
    assert len(set(book.sheetnames)) == 3
    assert book.sheetnames[2] == "Ark"


@pytest.mark.parametrize("data, rows", [
    (b"a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
    (b"a;b\r\n1;2\r\n", [["a", "b"], ["1", "2"]]),
    (b"a\tb\n1\t2\n", [["a", "b"], ["1", "2"]]),
    (b"\xef\xbb\xbfa;b;c,d\n1;2;3,5\n", [["a", "b", "c,d"], ["1", "2", "3,5"]]),
    ("beløb;tekst\n 1,50 ; Kaffe \n".encode("cp1252"), [["beløb", "tekst"], ["1,50", "Kaffe"]]),
    ("beløb;tekst\n".encode(), [["beløb", "tekst"]]),
])
def test_the_csv_reader_decodes_and_finds_the_separator(data, rows):
    assert list(read_csv(data)) == rows


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00binary", b"a,b\n\x81\x8d\x8f\n"])
def test_what_is_not_text_is_refused(data):
    with translation.override("en"), pytest.raises(UnreadableFile, match="not a text"):
        list(read_csv(data))


@pytest.mark.parametrize("value, expected", [
    ("2023-02-01", date(2023, 2, 1)), ("01-02-2023", date(2023, 2, 1)), ("01.02.2023", date(2023, 2, 1)),
    ("01/02/2023", date(2023, 2, 1)), (" 2023-02-01 ", date(2023, 2, 1)), (datetime(2023, 2, 1, 9), date(2023, 2, 1)),
    (date(2023, 2, 1), date(2023, 2, 1)), ("", None), (None, None),
])
def test_dates_in_every_form_the_files_use(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2023-02-30", "1/2/23", "februar 2023", "45000"])
def test_what_is_not_a_date_is_refused(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_gender_words_go_both_ways():
    from courses.models import Gender

    for value in Gender.values:
        assert genders.from_word(genders.workbook_word(value)) == value
        assert genders.from_word(genders.report_word(value).upper()) == value
    assert genders.workbook_word("unknown") == ""
    assert [genders.report_word(v) for v in Gender.values] == ["Kvinde", "Mand", "Non-binær", "Ukendt"]
    with pytest.raises(ValueError):
        genders.from_word("Kvindelig")


def test_no_other_module_writes_or_reads_spreadsheets_or_parses_dates_itself():
    """One definition each: the old copies (three formula guards, two date parsers, two CSV
    readers, two Excel writers) must not come back."""
    root = Path(__file__).resolve().parents[2]
    allowed = {Path("brobygger/spreadsheets.py"), Path("exchange/formats.py")}  # the latter reads workbooks
    imports = re.compile(r"^\s*(import openpyxl|from openpyxl|import csv$)|csv\.(reader|writer)\(", re.MULTILINE)
    offenders = []
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "bench", "node_modules"} or "tests" in relative.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if relative not in allowed and imports.search(text):
            offenders.append(str(relative))
        if relative != Path("brobygger/spreadsheets.py") and ("strptime(" in text or "FORMULA_START" in text):
            offenders.append(str(relative))
        if relative != Path("brobygger/genders.py") and '"Non-binær"' in text:
            offenders.append(str(relative))
    assert offenders == []


def test_excel_columns_have_widths_and_numbers_and_dates_have_formats():
    import io
    from datetime import date

    import openpyxl

    from brobygger.spreadsheets import Sheet, write_xlsx

    sheet = Sheet("Tal", ["Indsats", "Forløb", "Andel"],
                  [["Beskæftigelses- og uddannelsesindsatser", 12345, 41.5], ["Bolig", 7, 3.0]])
    dated = Sheet("Datoer", ["Dato"], [[date(2026, 3, 1)]])
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx([sheet, dated])))
    ws = book["Tal"]
    assert ws.column_dimensions["A"].width == len("Beskæftigelses- og uddannelsesindsatser") + 2
    assert ws.column_dimensions["B"].width == 8  # "Forløb" and "12,345" are short: the minimum
    assert (ws["B2"].number_format, ws["C2"].number_format) == ("#,##0", "#,##0.0")
    assert ws["A2"].number_format == "General"
    assert book["Datoer"]["A2"].number_format == "yyyy-mm-dd"
    assert book["Datoer"].column_dimensions["A"].width == 12
