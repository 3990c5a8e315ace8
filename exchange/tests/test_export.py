"""Export back to the exchange format: export then import into an empty project gives the same report."""

import io
from datetime import date

import openpyxl

from courses.models import Referral
from exchange.services import export_registrations, export_who5, import_registrations, import_who5
from projects.services import create_project
from reports.selectors import project_report

from .helpers import esbjerg_bytes, row, who5_csv, workbook


def test_export_then_import_into_an_empty_project_gives_the_same_report(project):
    import_registrations(project=project, data=esbjerg_bytes("registrering.xlsx"))
    import_who5(project=project, data=esbjerg_bytes("who5.csv"))
    copy = create_project(slug="esbjerg-kopi", name="Reden Esbjerg (kopi)")
    import_registrations(project=copy, data=export_registrations(project))
    import_who5(project=copy, data=export_who5(project))
    as_of = date(2023, 11, 30)
    original, again = project_report(project, as_of), project_report(copy, as_of)
    assert again.pop("project") == "Reden Esbjerg (kopi)"
    original.pop("project")
    assert again == original


def test_exported_text_that_looks_like_a_formula_is_kept_as_text(project):
    import_registrations(project=project, data=workbook([row(others="+1")]))
    course = project.courses.get()
    Referral.objects.create(course=course, target="other", service_name='=HYPERLINK("http://x")',
                            organisation=course.organisation, date=date(2023, 1, 1))
    book = openpyxl.load_workbook(io.BytesIO(export_registrations(project)))
    cell = book["Borgere"]["G2"]
    assert cell.data_type == "s"
    assert cell.value == "+1; =HYPERLINK(\"http://x\")"
    assert cell.quotePrefix  # Excel shows the text and never runs it


def test_the_who5_export_puts_an_apostrophe_before_a_formula_like_id_and_the_import_takes_it_off(project):
    import_registrations(project=project, data=workbook([row(ref="-A1")]))
    import_who5(project=project, data=who5_csv([["'-A1", "2023-02-01", 3, 3, 3, 3, 3]]))
    exported = export_who5(project).decode()
    assert exported.splitlines()[1] == "'-A1,2023-02-01,3,3,3,3,3"
    assert import_who5(project=project, data=exported.encode()).unchanged == 1
