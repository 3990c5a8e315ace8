"""The cross-project view: projects side by side, small numbers hidden, only for national analysts."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership
from brobygger.disclosure import HIDDEN
from courses import services
from reports.disclosure import disclosed_report
from reports.selectors import project_report


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_counts_under_five_are_hidden_and_one_more_so_the_total_tells_nothing(world):
    for age in (20, 21, 22, 23, 24, 25, 50):
        services.register_course(project=world.project, organisation=world.org_a, by=world.users["coordinator"],
                                 start_date=date(2026, 1, 1), age_at_start=age, gender="woman")
    report = disclosed_report(project_report(world.project, date(2026, 6, 1)))
    assert report["citizens"] == 9
    # 18-25: 6; 31-35: 1 (course_a, 34); 36-45: 1 (course_b, 41); over 45: 1. Shown, the 6 would tell
    # that the three small cells hold 3 citizens between them, so one each: the 6 is hidden too.
    assert report["age"] == {"18-25": HIDDEN, "26-30": 0, "31-35": HIDDEN, "36-45": HIDDEN, "Over 45": HIDDEN,
                             "Ukendt": 0, "mean": 28.9}  # (20+21+22+23+24+25+50+34+41) / 9
    # Women 8, men 1 (course_b): the man alone would be 9 - 8, so the women are hidden too.
    assert report["gender"] == {"Kvinde": HIDDEN, "Mand": HIDDEN, "Non-binær": 0, "Ukendt": 0}


def test_the_page_shows_the_projects_side_by_side_with_small_numbers_hidden(world, client_as):
    Membership.objects.create(user=world.users["analyst"], organisation=world.national, project=world.other_project,
                              role=Membership.Role.ANALYST)
    response = client_as("analyst").get(reverse("report_compare"))
    html = response.content.decode()
    assert "Exit København" in html and "Exit Aarhus" in html
    first_row = html.split('<tbody>')[1].split("</tr>")[0]
    # The page is in Danish. Exit Aarhus has no citizens; Exit København's 2 are hidden.
    assert " ".join(first_row.split()) == ('<tr><th scope="row">Registrerede borgere</th>'
                                           '<td class="text-align-right">0</td><td class="text-align-right">skjult</td>')


def test_an_analyst_of_a_municipality_gets_404(world, client):
    analyst = world.users["caseworker_b"]
    Membership.objects.create(user=analyst, organisation=world.org_b, project=world.project,
                              role=Membership.Role.ANALYST)
    client.force_login(analyst)
    assert client.get(reverse("report_compare")).status_code == 404
    assert client.get(reverse("project_report", args=["exit"])).status_code == 200


def test_the_project_page_of_another_project_is_404_for_the_analyst(world, client_as):
    assert client_as("analyst").get(reverse("project_report", args=["exit-aarhus"])).status_code == 404


@pytest.fixture
def twelve_and_aarhus(world):
    """Exit København: the world's woman (34) and man (41), and 8 women, 1 man, 1 non-binary more
    (12 citizens: 9 women, 2 men, 1 non-binary). Exit Aarhus: none. The analyst follows both."""
    for gender in ["woman"] * 8 + ["man", "non_binary"]:
        services.register_course(project=world.project, organisation=world.org_a, by=world.users["coordinator"],
                                 start_date=date(2026, 3, 1), gender=gender, age_at_start=30)
    Membership.objects.create(user=world.users["analyst"], organisation=world.national, project=world.other_project,
                              role=Membership.Role.ANALYST)
    return world


def _rows(sheet):
    return {row[0].value: [c.value for c in row[1:]] for row in sheet.iter_rows(min_row=2) if row and row[0].value}


def test_the_side_by_side_view_downloads_as_excel_with_the_same_hidden_cells(twelve_and_aarhus, client_as):
    import io

    import openpyxl

    response = client_as("analyst").get(reverse("report_compare_xlsx") + "?as_of=2026-06-01")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Køn"][1]] == [None, "Exit Aarhus", "Exit København"]
    gender = _rows(book["Køn"])
    # Men 2 and non-binary 1 hidden; together 3, so neither is known; the 9 women stay.
    assert gender["Kvinde"] == [0, 9]
    assert gender["Mand"] == [0, "skjult"]
    assert gender["Nonbinær"] == [0, "skjult"]
    assert _rows(book["Borgere og deltagelse"])["Registrerede borgere"] == [0, 12]


def test_the_side_by_side_view_downloads_as_a_pdf_with_the_same_hidden_cells(twelve_and_aarhus, client_as):
    import subprocess

    response = client_as("analyst").get(reverse("report_compare_pdf") + "?as_of=2026-06-01")
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.strip()}
    assert rows["Mand"] == ["0", "skjult"]
    assert rows["Nonbinær"] == ["0", "skjult"]
    assert rows["Kvinde"] == ["0", "9"]
    assert "Projekterne side om side" in text


def test_only_a_national_analyst_downloads_the_side_by_side_view(twelve_and_aarhus, client_as):
    for who in ("coordinator", "caseworker_a"):
        assert client_as(who).get(reverse("report_compare_pdf")).status_code == 404
        assert client_as(who).get(reverse("report_compare_xlsx")).status_code == 404
