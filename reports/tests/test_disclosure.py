"""The project report by audience: the coordinator sees exact counts; the national analyst sees
no count of 1-4 citizens in any format, and none can be worked out by subtraction. Every format
shows the same rounded numbers.

The expected figures are counted by hand from the courses each test registers.
"""

import io
import json
import re
import subprocess
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from courses import services


def _course(world, gender, age, start=date(2026, 3, 1)):
    return services.register_course(project=world.project, organisation=world.org_a, by=world.users["coordinator"],
                                    start_date=start, gender=gender, age_at_start=age)


@pytest.fixture
def twelve(world):
    """12 citizens: 9 women, 2 men, 1 non-binary; one referred to anti-trafficking help.

    The world's two (a woman of 34, a man of 41) and ten more: 8 women, 1 man, 1 non-binary.
    Ages: 34, 41, and 20, 21, 22, 23, 24, 26, 27, 28, 29, 30 -> 18-25: 5, 26-30: 5, 31-35: 1, 36-45: 1.
    """
    genders = ["woman"] * 8 + ["man", "non_binary"]
    ages = [20, 21, 22, 23, 24, 26, 27, 28, 29, 30]
    for gender, age in zip(genders, ages, strict=True):
        _course(world, gender, age)
    services.make_referral(course=world.course_b, target="anti_trafficking", organisation=world.org_b,
                           by=world.users["caseworker_b"], on=date(2026, 3, 2))
    return world


URL = "?as_of=2026-06-01"


def _get(client_as, who, name):
    return client_as(who).get(reverse(name, args=["exit"]) + URL)


def _html_row(html, label):
    """The cells of the table row headed `label`, as text."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert match, label
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)]


def _pdf_text(content: bytes) -> str:
    """The PDF's text as laid out (poppler's pdftotext)."""
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()


def _pdf_row(text, label):
    # Table rows start at the margin (pdftotext puts a space or two before it); the chart under a table
    # prints its labels far indented.
    lines = [line.split() for line in text.splitlines() if re.match(rf" {{0,2}}{re.escape(label)} ", line)]
    assert lines, label
    return lines[0][len(label.split()):]


def _sheet_row(content, sheet, label):
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = [[c.value for c in row] for row in book[sheet].iter_rows()]
    return next(row[1:] for row in rows if row[0] == label)


# -- the analyst: outside the project ---------------------------------------------------------

def test_the_analyst_sees_no_small_count_in_the_json(twelve, client_as):
    report = json.loads(_get(client_as, "analyst", "project_report_json").content)
    assert report["citizens"] == 12
    # Men 2 and non-binary 1 are hidden; the 9 women stay: the two hidden add up to 3, which
    # leaves both open (1 + 2 or 2 + 1).
    assert report["gender"] == {"Kvinde": 9, "Mand": None, "Non-binær": None, "Ukendt": 0}
    # 31-35: 1 and 36-45: 1 add up to 2: shown alone they would be 1 each, so 18-25 (5) goes with them.
    assert report["age"] == {"18-25": None, "26-30": 5, "31-35": None, "36-45": None, "Over 45": 0,
                             "Ukendt": 0, "mean": 27.1}  # (20+...+24 + 26+...+30 + 34 + 41) / 12 = 27.08...
    assert report["trafficking_referrals"] is None


def test_the_coordinator_sees_the_exact_counts(twelve, client_as):
    report = json.loads(_get(client_as, "coordinator", "project_report_json").content)
    assert report["gender"] == {"Kvinde": 9, "Mand": 2, "Non-binær": 1, "Ukendt": 0}
    assert report["age"]["31-35"] == 1 and report["trafficking_referrals"] == 1
    html = _get(client_as, "coordinator", "project_report").content.decode()
    assert _html_row(html, "Mand") == ["2", "16,7"]  # 2 of 12
    assert 'id="hidden-note"' not in html


def test_the_analyst_sees_hidden_cells_on_the_page_in_excel_and_in_the_pdf(twelve, client_as):
    html = _get(client_as, "analyst", "project_report").content.decode()
    assert _html_row(html, "Kvinde") == ["9", "75,0"]
    assert _html_row(html, "Mand") == ["skjult", "skjult"]
    assert _html_row(html, "Nonbinær") == ["skjult", "skjult"]
    assert _html_row(html, "Borgere henvist til indsats mod menneskehandel") == ["skjult"]
    assert 'id="hidden-note"' in html

    xlsx = _get(client_as, "analyst", "project_report_xlsx").content
    assert _sheet_row(xlsx, "Køn", "Mand") == ["skjult", "skjult"]
    assert _sheet_row(xlsx, "Køn", "Kvinde") == [9, 75.0]
    assert _sheet_row(xlsx, "Alder ved registrering", "31-35") == ["skjult", "skjult"]

    text = _pdf_text(_get(client_as, "analyst", "project_report_pdf").content)
    assert _pdf_row(text, "Mand") == ["skjult", "skjult"]
    assert _pdf_row(text, "Nonbinær") == ["skjult", "skjult"]
    assert _pdf_row(text, "Kvinde") == ["9", "75,0"]
    assert _pdf_row(text, "Borgere henvist til indsats mod menneskehandel") == ["skjult"]


def _tables_of_citizens(report):
    return {name: {k: v for k, v in report[name].items() if k != "mean"}
            for name in ("age", "gender", "interventions_per_citizen")}


def test_nothing_hidden_can_be_worked_out_from_the_analysts_report(twelve, client_as):
    """For each table that adds up to the citizens: what the hidden cells hold together is the
    total minus the shown cells; with two hidden cells or more that are not all 1, no cell is known."""
    from projects.models import Intervention

    extra = Intervention.objects.create(project=twelve.project, name="Bisidning")
    for course, intervention in [(twelve.course_a, twelve.counselling), (twelve.course_a, extra),
                                 (twelve.course_b, twelve.counselling)]:
        services.record_intervention(course=course, intervention=intervention, organisation=twelve.org_a,
                                     by=twelve.users["coordinator"], on=date(2026, 3, 5))
    report = json.loads(_get(client_as, "analyst", "project_report_json").content)
    exact = json.loads(_get(client_as, "coordinator", "project_report_json").content)
    for name, cells in _tables_of_citizens(report).items():
        hidden = [k for k, v in cells.items() if v is None]
        assert len(hidden) != 1, name
        if hidden:
            together = report["citizens"] - sum(v for v in cells.values() if v is not None)
            assert together == sum(exact[name][k] for k in hidden)
            assert together > len(hidden), name  # else each hidden cell would be 1
    # Interventions per citizen: 0: 10, 1: 1, 2: 1. The 1 and the 2 are hidden, and 10 with them
    # (two hidden cells adding up to 2 would be 1 each). Citizens per intervention: counselling 2,
    # support 1; as a hidden "2 interventions" could be found from their sum, they are hidden too.
    assert exact["interventions_per_citizen"] == {"0": 10, "1": 1, "2": 1, "3": 0, "4+": 0}
    assert report["interventions_per_citizen"] == {"0": None, "1": None, "2": None, "3": 0, "4+": 0}
    assert report["citizens_per_intervention"] == {"Rådgivning": None, "Individuel terapi": 0, "Bisidning": None}


def test_a_mean_over_fewer_than_five_citizens_is_hidden_from_the_analyst(world, client_as):
    report = json.loads(_get(client_as, "analyst", "project_report_json").content)
    assert report["citizens"] is None  # 2 citizens
    assert report["age"]["mean"] is None and report["gender"] == {"Kvinde": None, "Mand": None, "Non-binær": 0,
                                                                  "Ukendt": 0}
    html = _get(client_as, "analyst", "project_report").content.decode()
    assert _html_row(html, "Gennemsnitsalder") == ["skjult"]
    assert "37,5" not in html  # (34 + 41) / 2, the coordinator's figure
    assert _html_row(_get(client_as, "coordinator", "project_report").content.decode(),
                     "Gennemsnitsalder") == ["37,5"]


# -- one rounding rule for every format ------------------------------------------------------

def test_every_format_shows_the_same_rounded_share(world, client_as):
    """41 citizens, 5 men: 12.195...% is 12,2 on the page, in the PDF, in the Excel cell and in the JSON."""
    for i in range(39):
        _course(world, "man" if i < 4 else "woman", 30)
    report = json.loads(_get(client_as, "coordinator", "project_report_json").content)
    assert report["citizens"] == 41 and report["gender"]["Mand"] == 5
    html = _get(client_as, "coordinator", "project_report").content.decode()
    assert _html_row(html, "Mand") == ["5", "12,2"]
    assert _html_row(html, "Kvinde") == ["36", "87,8"]  # 87.804...
    text = _pdf_text(_get(client_as, "coordinator", "project_report_pdf").content)
    assert _pdf_row(text, "Mand") == ["5", "12,2"]
    assert _pdf_row(text, "Kvinde") == ["36", "87,8"]
    xlsx = _get(client_as, "coordinator", "project_report_xlsx").content
    assert _sheet_row(xlsx, "Køn", "Mand") == [5, 12.2]
    assert _sheet_row(xlsx, "Køn", "Kvinde") == [36, 87.8]


def test_a_mean_reads_the_same_in_every_format(world, client_as):
    """Ages 34 and 41 (the world's) and 30, 30, 31, 31, 31: 228 / 7 = 32.571... -> 32,6 everywhere."""
    for age in (30, 30, 31, 31, 31):
        _course(world, "woman", age)
    assert json.loads(_get(client_as, "coordinator", "project_report_json").content)["age"]["mean"] == 32.6
    html = _get(client_as, "coordinator", "project_report").content.decode()
    assert _html_row(html, "Gennemsnitsalder") == ["32,6"]
    assert _pdf_row(_pdf_text(_get(client_as, "coordinator", "project_report_pdf").content),
                    "Gennemsnitsalder") == ["32,6"]
    xlsx = _get(client_as, "coordinator", "project_report_xlsx").content
    assert _sheet_row(xlsx, "Borgere og deltagelse", "Gennemsnitsalder") == [32.6]
