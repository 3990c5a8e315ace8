"""Format version 2: the exit indicators in the sheet "Indikatorer", the version in the sheet "Format".
A version 1 workbook imports as before; a newer version than Brobygger knows is refused."""

import io
from datetime import date, datetime

import openpyxl
import pytest

from courses.models import Course
from exchange.services import ImportRefused, export_registrations, import_registrations
from outcomes.models import Measurement

from .helpers import HEADERS, row

INDICATOR_HEADERS = ["Borger-ID", "Dato", "Måling", "Bolig", "Hovedindkomst", "Arbejde eller uddannelse",
                     "Egen læge", "Kontakt med sundhedsvæsenet", "Nogen at gå til", "Salg af seksuelle ydelser"]
ANSWERS = ["shelter", "cash_benefit", "none", "yes", "unknown", "1", "sometimes"]


def measurement(ref="A-1", day=date(2022, 2, 1), kind="start", answers=ANSWERS):
    return [ref, day, kind, *answers]


def workbook(registrations=(), measurements=(), *, version=2, indicator_headers=INDICATOR_HEADERS,
             sheet="Indikatorer"):
    """A registration workbook with a sheet Borgere, an indicator sheet and (unless version is None)
    the sheet Format declaring `version`."""
    wb = openpyxl.Workbook()
    people = wb.active
    people.title = "Borgere"
    for values in [HEADERS, *registrations]:
        people.append(values)
    indicators = wb.create_sheet(sheet)
    for values in [indicator_headers, *measurements]:
        indicators.append(values)
    if version is not None:
        wb.create_sheet("Format").append(["Formatversion", version])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def problems_of(project, data):
    with pytest.raises(ImportRefused) as refused:
        import_registrations(project=project, data=data)
    return [str(p) for p in refused.value.problems]


def stored(project):
    return list(Measurement.objects.filter(course__project=project).order_by("measured_on", "pk").values_list(
        "course__project_ref", "measured_on", "kind", "housing", "income", "occupation", "own_gp",
        "health_contact", "support", "selling_sex"))


def test_a_version_2_workbook_stores_its_measurements(project):
    result = import_registrations(project=project, data=workbook(
        [row(ref="A-1"), row(ref="B-2")],
        [measurement("A-1", date(2022, 2, 1), "start"),
         measurement("a-1", date(2022, 8, 1), "follow_up", ["own_lease", "wage", "working", "yes", "yes", "3+", "no"]),
         measurement("B-2", date(2022, 3, 1), "START", ["UNKNOWN"] * 7)]))
    assert (result.measurements_added, result.measurements_updated) == (3, 0)
    assert stored(project) == [
        ("A-1", date(2022, 2, 1), "start", "shelter", "cash_benefit", "none", "yes", "unknown", "1", "sometimes"),
        ("B-2", date(2022, 3, 1), "start", *["unknown"] * 7),
        ("A-1", date(2022, 8, 1), "follow_up", "own_lease", "wage", "working", "yes", "yes", "3+", "no"),
    ]


def test_a_version_1_workbook_ignores_a_sheet_of_its_own_named_indikatorer(project):
    # A project's own sheet that happens to share the name: no version declared, so not read.
    data = workbook([row(ref="A-1")], [["Vores egne mål for året"]], version=None,
                    indicator_headers=["Mål", "Antal"])
    result = import_registrations(project=project, data=data)
    assert result.created == 1
    assert not Measurement.objects.exists()


def test_a_measurement_may_name_a_citizen_the_project_already_has(project):
    import_registrations(project=project, data=workbook([row(ref="A-1")], version=None))
    import_registrations(project=project, data=workbook([], [measurement("A-1")]))
    assert stored(project)[0][:3] == ("A-1", date(2022, 2, 1), "start")


def test_a_changed_start_is_updated_not_added(project):
    import_registrations(project=project, data=workbook([row(ref="A-1")], [measurement("A-1")]))
    changed = ["street", *ANSWERS[1:]]
    result = import_registrations(project=project, data=workbook(
        [row(ref="A-1")], [measurement("A-1", date(2022, 1, 15), "start", changed)]))
    assert (result.measurements_added, result.measurements_updated) == (0, 1)
    assert stored(project) == [("A-1", date(2022, 1, 15), "start", *changed)]


def test_a_newer_format_version_is_refused(project):
    problems = problems_of(project, workbook([row()], version=3))
    assert problems == ["Sheet Format, row 1, column B (Formatversion): The file is in version 3 of the exchange "
                        "format; Brobygger reads versions up to 2. Ask for a file in version 2."]
    assert not Course.objects.exists()


def test_a_version_that_is_not_a_number_is_refused(project):
    assert problems_of(project, workbook([row()], version="to")) == [
        "Sheet Format, row 1, column B (Formatversion): The format version must be a whole number."]


@pytest.mark.parametrize(("bad", "message"), [
    (measurement(kind="midway"),
     'Sheet Indikatorer, row 2, column C (Måling): "midway" is not one of the codes start, follow_up, end.'),
    (measurement(answers=["", *ANSWERS[1:]]),
     "Sheet Indikatorer, row 2, column D (Bolig): The cell is empty. Use one of the codes own_lease, sublet, "
     "family, shelter, street, other, unknown."),
    (measurement(answers=[*ANSWERS[:5], "4", ANSWERS[6]]),
     'Sheet Indikatorer, row 2, column I (Nogen at gå til): "4" is not one of the codes 3+, 2, 1, 0, unknown.'),
    (measurement(day="i foråret"),
     "Sheet Indikatorer, row 2, column B (Dato): This is not a date. Use a date cell or YYYY-MM-DD, DD-MM-YYYY, "
     "DD.MM.YYYY or DD/MM/YYYY."),
    (measurement(ref="C-3"),
     "Sheet Indikatorer, row 2, column Borger-ID: Neither the sheet Borgere nor the project has a citizen with "
     "the Borger-ID C-3."),
])
def test_a_bad_measurement_is_refused_and_nothing_is_stored(project, bad, message):
    assert problems_of(project, workbook([row(ref="A-1")], [bad])) == [message]
    assert not Course.objects.exists()
    assert not Measurement.objects.exists()


def test_a_second_start_of_one_citizen_is_refused(project):
    problems = problems_of(project, workbook([row(ref="A-1")], [measurement(), measurement(day=date(2022, 3, 1))]))
    assert problems == ["Sheet Indikatorer, row 3, column Måling: The same citizen already has a measurement "
                        "of this kind in row 2."]


def test_an_unknown_column_in_the_indicator_sheet_is_refused(project):
    problems = problems_of(project, workbook([row()], [], indicator_headers=[*INDICATOR_HEADERS, "Noter"]))
    assert problems == ["Sheet Indikatorer, row 1, column K: This is not a column of the indicator sheet."]


def test_the_export_declares_version_2_after_the_registrations(project):
    import_registrations(project=project, data=workbook([row(ref="A-1")], [measurement("A-1")]))
    book = openpyxl.load_workbook(io.BytesIO(export_registrations(project)))
    assert book.sheetnames == ["Borgere", "Indikatorer", "Format"]
    assert [c.value for c in book["Format"][1]] == ["Formatversion", 2]
    assert [c.value for c in book["Indikatorer"][1]] == INDICATOR_HEADERS
    assert [c.value for c in book["Indikatorer"][2]] == ["A-1", datetime(2022, 2, 1), "start", *ANSWERS]


def test_every_indicator_has_a_column():
    from exchange.formats import INDICATOR_HEADERS as COLUMNS
    from outcomes.categories import INDICATOR_FIELDS

    assert list(COLUMNS) == list(INDICATOR_FIELDS)


def test_the_codes_are_the_documented_ones():
    """The codes are the format's (docs/exchange.md): renaming a stored answer would break every file."""
    from outcomes.categories import BY_FIELD, Kind

    assert Kind.values == ["start", "follow_up", "end"]
    assert {field: BY_FIELD[field].choices.values for field in BY_FIELD} == {
        "housing": ["own_lease", "sublet", "family", "shelter", "street", "other", "unknown"],
        "income": ["wage", "self_employed", "student_grant", "pension", "unemployment", "sickness", "cash_benefit",
                   "other_benefit", "selling_sex", "none", "unknown"],
        "occupation": ["working", "education", "job_centre", "none", "unknown"],
        "own_gp": ["yes", "no", "unknown"],
        "health_contact": ["yes", "no", "unknown"],
        "support": ["3+", "2", "1", "0", "unknown"],
        "selling_sex": ["no", "sometimes", "regularly", "unknown"],
    }
