"""Other projects' files differ in every way the contract allows: each variation imports."""

from datetime import date, datetime

import pytest

from courses.models import Course, Referral
from exchange.services import import_registrations, import_who5
from wellbeing.models import Who5Response

from .helpers import HEADERS, row, who5_csv, workbook


def test_headers_in_other_case_with_spaces_and_another_order_are_matched(project):
    headers = ["  borger-id ", "KØN", "alder", " STARTDATO", "slutdato  ",
               "henvist til indsats mod menneskehandel", "VISITERET TIL ANDRE TILBUD", "Rådgivning", "Gruppeterapi"]
    order = [3, 0, 2, 1, 4, 5, 6, 8, 7]
    data = workbook([[row()[i] for i in order]], headers=[headers[i] for i in order])
    import_registrations(project=project, data=data)
    course = Course.objects.get(project_ref="A-1")
    assert (course.gender, course.age_at_start, course.start_date) == ("woman", 30, date(2022, 1, 1))
    assert list(course.interventions.values_list("name", flat=True)) == ["Rådgivning"]


@pytest.mark.parametrize("text", ["2022-03-04", "04-03-2022", "04.03.2022", "04/03/2022"])
def test_dates_as_text_in_every_allowed_form(project, text):
    import_registrations(project=project, data=workbook([row(start=text, end=text)]))
    course = Course.objects.get(project_ref="A-1")
    assert course.start_date == course.end_date == date(2022, 3, 4)


def test_dates_as_excel_datetime_cells(project):
    import_registrations(project=project, data=workbook([row(start=datetime(2021, 5, 6, 0, 0))]))
    assert Course.objects.get(project_ref="A-1").start_date == date(2021, 5, 6)


@pytest.mark.parametrize("mark", ["x", "X", 1, "1", "Ja", "ja", "JA"])
def test_every_yes_marker_counts_as_received(project, mark):
    import_registrations(project=project, data=workbook([row(counselling=mark, trafficking=mark)]))
    course = Course.objects.get(project_ref="A-1")
    assert course.interventions.count() == 1
    assert course.referrals.filter(target=Referral.Target.ANTI_TRAFFICKING).exists()


@pytest.mark.parametrize("mark", [None, "", 0, "0", "Nej", "nej"])
def test_every_no_marker_counts_as_not_received(project, mark):
    import_registrations(project=project, data=workbook([row(counselling=mark, trafficking=mark)]))
    course = Course.objects.get(project_ref="A-1")
    assert course.interventions.count() == 0
    assert not course.referrals.exists()


def test_an_instructions_sheet_before_the_borgere_sheet_is_skipped(project):
    import_registrations(project=project, data=workbook([row()], title="BORGERE", before=["Vejledning"]))
    assert Course.objects.filter(project_ref="A-1").exists()


def test_without_a_borgere_sheet_the_first_sheet_is_read(project):
    import_registrations(project=project, data=workbook([row()], title="Data 2022"))
    assert Course.objects.filter(project_ref="A-1").exists()


def test_empty_rows_are_skipped_and_unknown_values_may_be_empty(project):
    data = workbook([row(), [None] * len(HEADERS), row(ref="A-2", gender=None, age=None, counselling=None)])
    import_registrations(project=project, data=data)
    course = Course.objects.get(project_ref="A-2")
    assert (course.gender, course.age_at_start, course.end_date) == ("unknown", None, None)


def test_other_services_separated_by_semicolons_become_referrals(project):
    import_registrations(project=project, data=workbook([row(others="Misbrugsbehandling; Jobcenter ;")]))
    assert sorted(Referral.objects.values_list("service_name", flat=True)) == ["Jobcenter", "Misbrugsbehandling"]


def test_interventions_missing_from_the_catalogue_are_created(project):
    import_registrations(project=project, data=workbook([row(therapy="x")]))
    assert set(project.interventions.values_list("name", flat=True)) == {"Rådgivning", "Gruppeterapi"}


@pytest.fixture
def registered(project):
    import_registrations(project=project, data=workbook([row(ref="A-1"), row(ref="A-2")]))
    return project


@pytest.mark.parametrize("sep", [",", ";"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_who5_with_either_separator_bom_and_line_end(registered, sep, bom, crlf):
    data = who5_csv([["A-1", "2022-01-02", 1, 2, 3, 4, 5], ["a-2", "03.02.2022", 0, 0, 0, 0, 0]],
                    sep=sep, bom=bom, crlf=crlf)
    import_who5(project=registered, data=data)
    first = Who5Response.objects.get(course__project_ref="A-1")
    assert (first.answered_on, first.score, first.mode) == (date(2022, 1, 2), 60, "imported")
    assert Who5Response.objects.get(course__project_ref="A-2").answered_on == date(2022, 2, 3)


def test_who5_header_case_and_spaces_do_not_matter(registered):
    data = b" borger-id ;DATO;spm1;SPM2;Spm3;Spm4;Spm5\nA-1;2022-01-02;1;1;1;1;1\n"
    import_who5(project=registered, data=data)
    assert Who5Response.objects.get().score == 20


def test_who5_may_name_a_course_registered_in_the_product_by_its_code(registered):
    course = Course.objects.get(project_ref="A-1")
    import_who5(project=registered, data=who5_csv([[course.code, "2022-01-02", 5, 5, 5, 5, 5]]))
    assert course.who5_responses.get().score == 100


def test_a_corrected_file_updates_what_changed_without_duplicating(registered):
    import_registrations(project=registered, data=workbook([row(ref="A-1", end=date(2022, 6, 1), therapy="x"),
                                                            row(ref="A-2")]))
    course = Course.objects.get(project_ref="A-1")
    assert course.end_date == date(2022, 6, 1)
    assert sorted(course.interventions.values_list("name", flat=True)) == ["Gruppeterapi", "Rådgivning"]
    assert Course.objects.count() == 2
    import_who5(project=registered, data=who5_csv([["A-1", "2022-01-02", 1, 1, 1, 1, 1]]))
    import_who5(project=registered, data=who5_csv([["A-1", "2022-01-02", 2, 2, 2, 2, 2]]))
    assert list(Who5Response.objects.values_list("score", flat=True)) == [40]


def test_text_cells_are_read_on_one_line_without_control_characters(project):
    # Excel's Alt+Enter puts a line break in a cell, and a pasted text brings NEL or U+2028: the
    # import stores what a one-line field of a form would (brobygger.text), not the raw cell.
    headers = [*HEADERS[:-1], "Gruppe\nterapi"]
    data = workbook([row(ref="A-1\t", others="Herberg\r\nNord; Varme\u2028stue\x85", therapy="x")], headers=headers)
    import_registrations(project=project, data=data)
    course = Course.objects.get(project=project)
    assert course.project_ref == "A-1"
    assert sorted(course.referrals.values_list("service_name", flat=True)) == ["Herberg Nord", "Varme stue"]
    assert sorted(course.interventions.values_list("name", flat=True)) == ["Gruppe terapi", "Rådgivning"]
