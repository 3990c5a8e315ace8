"""Bad input (contract section 3): nothing stored, every problem listed with row and column, non-zero exit."""

import io
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses.models import Course, InterventionRecord, Referral
from exchange.formats import UnreadableFile
from exchange.services import ImportRefused, import_registrations, import_who5
from wellbeing.models import Who5Response

from .helpers import row, who5_csv, workbook


def problems_of(project, data, func=import_registrations):
    with pytest.raises(ImportRefused) as refused:
        func(project=project, data=data)
    return [str(p) for p in refused.value.problems]


def assert_nothing_stored():
    assert not Course.objects.exists()
    assert not InterventionRecord.objects.exists()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(("bad", "column", "words"), [
    (row(ref=""), "A (Borger-ID)", "empty"),
    (row(ref="010190-1234"), "A (Borger-ID)", "CPR"),
    (row(ref="0101901234"), "A (Borger-ID)", "CPR"),
    (row(age=17), "C (Alder)", "under 18"),
    (row(age="tredive"), "C (Alder)", "whole number"),
    (row(gender="Kone"), "B (Køn)", "gender"),
    (row(start="31-02-2022"), "D (Startdato)", "not a date"),
    (row(start="i går"), "D (Startdato)", "not a date"),
    (row(start=date(2022, 5, 1), end=date(2022, 4, 1)), "E (Slutdato)", "before the start"),
    (row(trafficking="måske"), "F (Henvist", "not understood"),
    (row(counselling="y"), "H (Rådgivning)", "not understood"),
])
def test_a_bad_row_is_refused_with_row_and_column_and_nothing_is_stored(project, bad, column, words):
    problems = problems_of(project, workbook([row(ref="OK-1"), bad]))
    assert len(problems) == 1
    assert problems[0].startswith(f"Row 3, column {column}")
    assert words in problems[0]
    assert_nothing_stored()


def test_a_duplicated_borger_id_names_both_rows(project):
    problems = problems_of(project, workbook([row(ref="A-1"), row(ref="B-1"), row(ref="a-1")]))
    assert problems == ["Row 4, column A (Borger-ID): The Borger-ID a-1 is also used in row 2."]


def test_every_problem_of_the_file_is_listed_not_just_the_first(project):
    problems = problems_of(project, workbook([row(age=12), row(ref="B", gender="?"), row(ref="C", start="x")]))
    assert [p.split(":")[0] for p in problems] == [
        "Row 2, column C (Alder)", "Row 3, column B (Køn)", "Row 4, column D (Startdato)"]


def test_a_missing_required_column_is_named(project):
    problems = problems_of(project, workbook([["A-1", "Kvinde"]], headers=["Borger-ID", "Køn"]))
    assert problems == ['Row 1: The column "Startdato" is missing.']


@pytest.fixture
def registered(project):
    import_registrations(project=project, data=workbook([row(ref="A-1")]))
    return project


@pytest.mark.parametrize(("line", "column", "words"), [
    (["A-1", "2022-01-02", 1, 2, 3, 4, 6], "Spm5", "0 to 5"),
    (["A-1", "2022-01-02", 1, 2, "", 4, 5], "Spm3", "missing"),
    (["A-1", "2022-01-02", 1, 2, -1, 4, 5], "Spm3", "0 to 5"),
    (["A-1", "2. januar", 1, 2, 3, 4, 5], "Dato", "not a date"),
    (["UKENDT-9", "2022-01-02", 1, 2, 3, 4, 5], "Borger-ID", "no citizen"),
])
def test_a_bad_who5_row_is_refused_and_nothing_is_stored(registered, line, column, words):
    data = who5_csv([["A-1", "2022-01-01", 1, 1, 1, 1, 1], line])
    problems = problems_of(registered, data, import_who5)
    assert len(problems) == 1 and problems[0].startswith(f"Row 3, column {column}") and words in problems[0]
    assert not Who5Response.objects.exists()


def test_the_command_lists_every_problem_in_danish_and_exits_non_zero(project, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook([row(age=12), row(ref="010190-1234")]))
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_registrations", "esbjerg", str(path), stderr=err, stdout=io.StringIO())
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Række 2, kolonne C (Alder)")
    assert "Intet blev importeret" in str(error.value)
    assert_nothing_stored()


def test_the_command_speaks_english_on_request(project, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook([row(age=12)]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_registrations", "esbjerg", str(path), "--language", "en", stderr=err,
                     stdout=io.StringIO())
    assert err.getvalue().startswith("Row 2, column C (Alder)")


def test_a_file_that_is_not_a_workbook_is_refused(project):
    with pytest.raises(UnreadableFile, match="not an Excel workbook"):
        import_registrations(project=project, data="Borger-ID,Køn\nA-1,Kvinde\n".encode())


def test_a_password_protected_workbook_is_refused(project):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    with pytest.raises(UnreadableFile, match="password-protected"):
        import_registrations(project=project, data=ole)


def test_a_file_over_20_mb_is_refused(project):
    with pytest.raises(UnreadableFile, match="20 MB"):
        import_registrations(project=project, data=b"0" * (20 * 1024 * 1024 + 1))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(project):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (101 * 1024 * 1024))
    with pytest.raises(UnreadableFile, match="too large"):
        import_registrations(project=project, data=out.getvalue())
