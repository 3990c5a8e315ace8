"""The project report: numbers, empty projects, fixed query count, and the views of it."""

import io
import json
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from brobygger.tests.pdf_facts import read_pdf
from courses import services
from exchange.services import import_registrations, import_who5
from exchange.tests.helpers import esbjerg_bytes
from reports.selectors import MASK_BITS, one_decimal, project_report
from wellbeing.models import Who5Response


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_project_without_data_gives_zeros_and_empty_rounds(world):
    report = project_report(world.other_project, date(2026, 6, 1))
    assert report["citizens"] == 0
    assert report["age"] == {"18-25": 0, "26-30": 0, "31-35": 0, "36-45": 0, "Over 45": 0, "Ukendt": 0, "mean": None}
    assert report["interventions_per_citizen"] == {"0": 0, "1": 0, "2": 0, "3": 0, "4+": 0}
    assert report["participation"] == {"single_day": 0, "mean_months": None}
    assert report["who5"] == {"rounds": [], "paired": []}


def test_courses_started_after_the_report_date_are_not_counted(world):
    assert project_report(world.project, date(2026, 1, 31))["citizens"] == 1  # course_b starts 1 February
    assert project_report(world.project, date(2026, 2, 1))["citizens"] == 2


def test_a_period_leaves_out_courses_ended_before_it(world):
    services.update_course(course=world.course_a, by=world.users["coordinator"], end_date=date(2026, 1, 20), end_reason="moved")
    report = project_report(world.project, date(2026, 3, 1))
    assert report["citizens"] == 2
    from reports.selectors import gather

    assert gather(world.project, date(2026, 3, 1), date(2026, 2, 1)).data["citizens"] == 1


def test_a_course_known_by_its_birth_year_counts_with_its_age_in_the_year_it_started(world):
    for born, started in ((2000, date(2026, 2, 1)), (2001, date(2026, 12, 31)), (1980, date(2025, 6, 1))):
        services.register_course(project=world.other_project, organisation=world.org_a, by=world.users["coordinator"],
                                 start_date=started, birth_year=born)
    age = project_report(world.other_project, date(2026, 12, 31))["age"]
    # 26, 25 and 45: the first two at a band's edge, the last at the upper one of its band.
    assert age == {"18-25": 1, "26-30": 1, "31-35": 0, "36-45": 1, "Over 45": 0, "Ukendt": 0, "mean": 32.0}


def test_rounding_is_half_up_to_one_decimal():
    from fractions import Fraction

    assert one_decimal(Fraction(845, 20)) == 42.3  # 42.25
    assert one_decimal(Fraction(-45, 20)) == -2.3
    assert one_decimal(Fraction(1, 3)) == 0.3


def _answer(course, on, value):
    Who5Response.objects.create(course=course, answered_on=on, item1=value, item2=value, item3=value, item4=value,
                                item5=value, mode="imported")


def test_a_change_of_exactly_ten_points_is_clinically_significant(world):
    for i in range(10):
        course = services.register_course(project=world.project, organisation=world.org_a, by=world.users["coordinator"],
                                          start_date=date(2026, 1, 1), age_at_start=30) if i else world.course_a
        _answer(course, date(2026, 1, 10), 2)   # 40 points
        _answer(course, date(2026, 3, 10), 2 if i % 2 else 3)  # 40 or 60: mean change +10
    who5 = project_report(world.project, date(2026, 6, 1))["who5"]
    assert who5["rounds"][1] == {"round": 2, "n": 10, "mean": 50.0, "suppressed": False}
    assert who5["paired"] == [{"from": 1, "to": 2, "n": 10, "mean_from": 40.0, "mean_to": 50.0, "change": 10.0,
                               "clinically_significant": True}]


def test_a_round_with_fewer_than_ten_respondents_shows_no_mean(world):
    _answer(world.course_a, date(2026, 1, 10), 3)
    assert project_report(world.project, date(2026, 6, 1))["who5"] == {
        "rounds": [{"round": 1, "n": 1, "mean": None, "suppressed": True}], "paired": []}


@pytest.fixture
def esbjerg(world):
    import_registrations(project=world.project, data=esbjerg_bytes("registrering.xlsx"))
    import_who5(project=world.project, data=esbjerg_bytes("who5.csv"))
    return world


def test_the_number_of_queries_does_not_grow_with_the_data(world, django_assert_num_queries):
    # Five for the courses still there, one for what deleted courses left (rights.retained).
    with django_assert_num_queries(7):
        project_report(world.project, date(2026, 6, 1))
    import_registrations(project=world.project, data=esbjerg_bytes("registrering.xlsx"))
    import_who5(project=world.project, data=esbjerg_bytes("who5.csv"))
    with django_assert_num_queries(7):
        project_report(world.project, date(2026, 6, 1))
    from django.core.management import call_command

    call_command("apply_retention", "--today", "2034-01-01", stdout=io.StringIO())
    with django_assert_num_queries(7):
        project_report(world.project, date(2023, 6, 1), date(2023, 1, 1))


def test_the_page_shows_every_table_with_its_chart(esbjerg, client_as):
    response = client_as("coordinator").get(reverse("project_report", args=["exit"]) + "?as_of=2023-11-30")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Alder ved registrering", "Køn", "Indsatser pr. borger", "Borgere pr. indsats",
                  "WHO-5 trivsel pr. besvarelse", "WHO-5 ændring fra første besvarelse"):  # Danish by default
        assert title in html
    assert html.count('class="chart-svg"') == 5  # all but the overview and the paired change
    assert "Rådgivning og vejledning" in html and "<title" in html


def test_the_json_view_gives_the_contract_report(esbjerg, client_as):
    response = client_as("analyst").get(reverse("project_report_json", args=["exit"]) + "?as_of=2023-11-30")
    report = json.loads(response.content)
    expected = json.loads(esbjerg_bytes("expected-report.json"))
    assert report["who5"] == expected["who5"]
    assert report["citizens"] == expected["citizens"]  # the world's own two courses start in 2026


def test_the_excel_export_has_one_sheet_per_table(esbjerg, client_as):
    response = client_as("coordinator").get(reverse("project_report_xlsx", args=["exit"]) + "?as_of=2023-11-30")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Borgere og deltagelse", "Alder ved registrering", "Køn", "Indsatser pr. borger",
                               "Borgere pr. indsats", "WHO-5 trivsel pr. besvarelse",
                               "WHO-5 ændring fra første besvar"]  # 31 characters at most
    assert [c.value for c in book["Køn"][2]] == ["Kvinde", 79, 89.8]


def test_the_pdf_is_tagged_pdf_ua_in_the_one_font_with_chart_labels_of_8_pt_or_more(esbjerg, client_as):
    response = client_as("coordinator").get(reverse("project_report_pdf", args=["exit"]) + "?as_of=2023-11-30")
    assert response["Content-Type"] == "application/pdf"
    pdf = read_pdf(response.content)
    assert (pdf.lang, pdf.title) == ("da", "Rapport: Exit København")  # the page's language, Danish by default
    assert pdf.marked and pdf.has_structure and pdf.ua_part == "1"
    assert {"H1", "H2", "Table", "TH", "TD", "Figure"} <= pdf.structure_kinds
    assert pdf.fonts == {"IBM-Plex-Sans", "IBM-Plex-Sans-Semi-Bold"}  # embedded from the vendored TTF, nothing else
    assert len(pdf.chart_text_sizes) > 100  # the five charts' labels and values were measured
    assert min(pdf.chart_text_sizes) >= 8
    assert pdf.smallest_text >= 8


def test_a_catalogue_longer_than_one_bit_mask_counts_every_intervention(world):
    from projects.models import Intervention

    many = [Intervention.objects.create(project=world.project, name=f"Tilbud {i}") for i in range(70)]
    catalogue = [world.counselling, world.therapy, *many]
    assert catalogue.index(many[-1]) > MASK_BITS  # in the second mask column
    for intervention, on in [(many[-1], date(2026, 2, 1)), (many[-1], date(2026, 2, 8)), (world.counselling, date(2026, 2, 3))]:
        services.record_intervention(course=world.course_a, intervention=intervention, organisation=world.org_a,
                                     by=world.users["coordinator"], on=on)
    services.record_intervention(course=world.course_b, intervention=many[-1], organisation=world.org_a,
                                 by=world.users["coordinator"], on=date(2026, 2, 9))
    report = project_report(world.project, date(2026, 6, 1))
    assert report["interventions_per_citizen"] == {"0": 0, "1": 1, "2": 1, "3": 0, "4+": 0}
    assert report["citizens_per_intervention"]["Tilbud 69"] == 2
    assert report["citizens_per_intervention"]["Rådgivning"] == 1
    assert sum(report["citizens_per_intervention"].values()) == 3
