"""The transition tables against figures worked out by hand for a generated set."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brobygger.disclosure import HIDDEN as HIDDEN_MARK
from brobygger.tests.pdf_facts import pdf_text
from courses import services as course_services
from courses.models import Course
from outcomes.categories import INDICATORS, UNKNOWN
from outcomes.models import Measurement
from outcomes.selectors import paired_change

pytestmark = pytest.mark.django_db

BASE = {i.field: UNKNOWN for i in INDICATORS}


def course(world, n):
    return course_services.register_course(project=world.project, organisation=world.org_a, by=world.users["caseworker_a"],
                                           start_date=date(2025, 1, n), gender="woman", age_at_start=30)


def measure(c, on, kind="follow_up", **answers):
    return Measurement.objects.create(course=c, measured_on=on, kind=kind, **{**BASE, **answers})


def test_transitions_match_the_figures_worked_out_by_hand(world):
    # Five courses:
    #  c1: street -> (own lease, later) : entry street, latest own lease       better
    #  c2: shelter -> shelter -> sublet (three measurements): shelter -> sublet better
    #  c3: own lease -> street                                                worse
    #  c4: shelter only (one measurement): not counted
    #  c5: other -> shelter; the latest after the report date is left out: other -> shelter, not comparable
    c1, c2, c3, c4, c5 = (course(world, n) for n in range(1, 6))
    measure(c1, date(2025, 2, 1), "start", housing="street", support="0")
    measure(c1, date(2025, 8, 1), "end", housing="own_lease", support="2")
    measure(c2, date(2025, 2, 1), "start", housing="shelter", support="1")
    measure(c2, date(2025, 5, 1), housing="shelter", support="1")
    measure(c2, date(2025, 9, 1), housing="sublet", support="1")
    measure(c3, date(2025, 2, 1), "start", housing="own_lease", support="3+")
    measure(c3, date(2025, 3, 1), housing="street")  # support unknown at the latest
    measure(c4, date(2025, 2, 1), "start", housing="shelter")
    measure(c5, date(2025, 2, 1), "start", housing="other")
    measure(c5, date(2025, 6, 1), housing="shelter")
    measure(c5, date(2026, 6, 1), housing="own_lease")  # after the report date

    result = paired_change(Course.objects.filter(project=world.project), date(2025, 12, 31))

    assert result["paired"] == 4
    housing = result["indicators"]["housing"]
    t = housing["transitions"]
    assert (t["street"]["own_lease"], t["shelter"]["sublet"], t["own_lease"]["street"], t["other"]["shelter"]) == (
        1, 1, 1, 1)
    assert sum(n for row in t.values() for n in row.values()) == 4
    assert housing["direction"] == {"better": 2, "same": 0, "worse": 1, "not_comparable": 1}
    support = result["indicators"]["support"]
    assert (support["transitions"]["0"]["2"], support["transitions"]["1"]["1"],
            support["transitions"]["3+"][UNKNOWN], support["transitions"][UNKNOWN][UNKNOWN]) == (1, 1, 1, 1)
    assert support["direction"] == {"better": 1, "same": 1, "worse": 0, "not_comparable": 2}
    # Income stayed "unknown" for everyone: all four are not comparable.
    assert result["indicators"]["income"]["direction"]["not_comparable"] == 4


def test_entry_and_latest_go_by_date_then_by_the_order_recorded(world):
    # c1: a measurement dated before the one recorded first is its entry; of two on its last day,
    # the one recorded later is its latest. c2: both on one day, recorded shelter then sublet.
    c1, c2 = course(world, 1), course(world, 2)
    measure(c1, date(2025, 3, 1), housing="shelter")
    measure(c1, date(2025, 2, 1), housing="street")  # recorded afterwards, dated earlier: the entry
    measure(c1, date(2025, 5, 1), housing="own_lease")
    measure(c1, date(2025, 5, 1), housing="sublet")  # same day, recorded later: the latest
    measure(c2, date(2025, 4, 1), housing="shelter")
    measure(c2, date(2025, 4, 1), housing="sublet")

    housing = paired_change(Course.objects.filter(project=world.project), date(2025, 12, 31))["indicators"]["housing"]

    moves = {(a, b): n for a, row in housing["transitions"].items() for b, n in row.items() if n}
    assert moves == {("street", "sublet"): 1, ("shelter", "sublet"): 1}


def test_the_number_of_queries_does_not_grow_with_the_courses(world):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            paired_change(Course.objects.filter(project=world.project), date(2026, 12, 31))
        return len(captured)

    c = course(world, 1)
    measure(c, date(2025, 2, 1), "start")
    measure(c, date(2025, 3, 1))
    few = queries()
    for n in range(2, 8):
        c = course(world, n)
        measure(c, date(2025, 2, 1), "start", housing="street")
        measure(c, date(2025, 3, 1), housing="sublet")
    assert queries() == few == 1


def test_outsiders_get_small_counts_hidden_and_nothing_left_to_subtract(world):
    from brobygger.disclosure import HIDDEN
    from outcomes.disclosure import disclosed_paired_change

    # Seven courses from street to own lease, two from shelter to shelter, for housing.
    for n in range(1, 10):
        c = course(world, n)
        moved = n <= 7
        measure(c, date(2025, 2, 1), "start", housing="street" if moved else "shelter")
        measure(c, date(2025, 3, 1), housing="own_lease" if moved else "shelter")
    exact = paired_change(Course.objects.filter(project=world.project), date(2025, 12, 31))
    shown = disclosed_paired_change(exact)
    housing = shown["indicators"]["housing"]
    assert shown["paired"] == 9
    assert housing["transitions"]["shelter"]["shelter"] is HIDDEN  # two people
    assert housing["direction"]["same"] is HIDDEN
    # The seven are hidden too, or 9 - 7 would give the two away.
    assert housing["transitions"]["street"]["own_lease"] is HIDDEN
    assert housing["direction"]["better"] is HIDDEN
    assert housing["entry"]["street"] is HIDDEN and housing["entry"]["shelter"] is HIDDEN
    # Everyone's income stayed unknown: nine, shown.
    assert shown["indicators"]["income"]["transitions"]["unknown"]["unknown"] == 9


def test_the_project_report_shows_the_tables_in_every_format_and_hides_small_counts_for_outsiders(world, client_as):
    import io
    import json

    import openpyxl
    from django.urls import reverse

    for n in range(1, 7):  # six from shelter to sublet, one from street to street
        c = course(world, n)
        measure(c, date(2025, 2, 1), "start", housing="shelter")
        measure(c, date(2025, 3, 1), housing="sublet")
    c = course(world, 7)
    measure(c, date(2025, 2, 1), "start", housing="street")
    measure(c, date(2025, 3, 1), housing="street")
    query = "?as_of=2025-12-31"
    staff = json.loads(client_as("coordinator").get(reverse("project_report_json", args=["exit"]) + query).content)
    assert staff["exit_indicators"]["indicators"]["housing"]["transitions"]["street"]["street"] == 1
    assert staff["exit_indicators"]["indicators"]["housing"]["direction"]["better"] == 6
    outside = json.loads(client_as("analyst").get(reverse("project_report_json", args=["exit"]) + query).content)
    housing = outside["exit_indicators"]["indicators"]["housing"]
    assert housing["transitions"]["street"]["street"] is None
    assert housing["direction"]["same"] is None and housing["direction"]["better"] is None
    page = client_as("coordinator").get(reverse("project_report", args=["exit"]) + query).content.decode()
    assert "Exit-indikatorer: ændring fra første måling" in page and "Bolig: første til seneste måling" in page
    book = openpyxl.load_workbook(io.BytesIO(
        client_as("coordinator").get(reverse("project_report_xlsx", args=["exit"]) + query).content))
    sheet = book[[name for name in book.sheetnames if name.startswith("Bolig")][0]]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows["Herberg eller forsorgshjem"][2] == 6  # columns: label, own lease, sublet, ...
    pdf = client_as("analyst").get(reverse("project_report_pdf", args=["exit"]) + query)
    assert pdf.status_code == 200
    lines = pdf_text(pdf.content).splitlines()
    assert "Exit-indikatorer: ændring fra første måling" in lines
    # Better 6, same 1: the one is hidden from the analyst, and the six with it (7 - 6 would tell).
    assert "Bolig skjult skjult 0 0" in lines


def test_the_cross_project_view_shows_who_moved_to_better_with_small_counts_hidden(world, client_as):
    from django.urls import reverse

    for n in range(1, 7):  # six from shelter to sublet (better); two of them found someone to turn to
        c = course(world, n)
        measure(c, date(2025, 2, 1), "start", housing="shelter", support="0")
        measure(c, date(2025, 3, 1), housing="sublet", support="1" if n <= 2 else "0")
    context = client_as("analyst").get(reverse("report_compare") + "?as_of=2025-12-31").context
    table = next(t for t in context["tables"] if t.key == "exit_better")
    rows = {str(row[0]): row[1:] for row in table.numeric}
    project = [r["project"] for r in context["reports"]].index("Exit København")
    assert rows["Borgere målt to eller flere gange"][project] == 6
    assert rows["Bolig"][project] == 6
    assert str(rows["Nogen at gå til"][project]) == str(HIDDEN_MARK)  # two people
