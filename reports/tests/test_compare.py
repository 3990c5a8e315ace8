"""The cross-project view: projects side by side, small numbers hidden, only for national analysts."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership
from brobygger.disclosure import HIDDEN
from courses import services
from reports.disclosure import disclosed_report
from reports.services import project_report


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
