"""One project, every page that shows WHO-5: they agree wherever they show the same thing,
and the two numberings (scheduled measurements, answer numbers) never share a name."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from brobygger import indicators
from courses import services as course_services
from courses.models import Course
from wellbeing.models import Who5Response
from wellbeing.rounds import add_months, due_on

pytestmark = pytest.mark.django_db


def answer(course, on):
    Who5Response.objects.create(course=course, answered_on=on, mode="with_worker", item1=2, item2=2, item3=2,
                                item4=2, item5=2)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def row_of(html, code):
    """The text of the table row that names the course `code`."""
    return text("<tr" + next(tr for tr in html.split("<tr") if code in tr).split("</tr>")[0])


def rate_rows(html):
    """{measurement: (due, answered)} from the project page's response-rate table."""
    table = html.split('id="who5-rounds"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th><td[^>]*>([^<]+)</td><td[^>]*>([^<]+)</td>', table)
    return {name: (int(due), int(answered)) for name, due, answered in rows}


@pytest.fixture
def project(world):
    """Two courses started four months ago (interval: 2 months). "On time" answered the first
    measurement and the follow-up at 2 months, and its follow-up at 4 months is due now; "late"
    missed the follow-up at 2 months and answered the one at 4 months today."""
    Course.objects.filter(project=world.project).delete()
    today = timezone.localdate()
    start = add_months(today, -4)
    assert world.project.who5_interval_months == 2
    make = {"project": world.project, "organisation": world.org_a, "by": world.users["caseworker_a"], "start_date": start}
    world.on_time, world.late = course_services.register_course(**make), course_services.register_course(**make)
    answer(world.on_time, start)
    answer(world.on_time, due_on(start, 1, 2))
    answer(world.late, start)
    answer(world.late, today)
    world.start, world.today = start, today
    return world


def test_every_page_names_the_measurements_alike_and_counts_them_alike(project, client_as):
    due = formats.date_format(due_on(project.start, 2, 2), "SHORT_DATE_FORMAT")
    caseworker = client_as("caseworker_a")

    # The course page, the due list and the team meeting: the same measurement, name and date.
    on_time_page = caseworker.get(reverse("course_detail", args=[project.on_time.code])).content.decode()
    assert text(on_time_page.split('id="who5-next">')[1].split("</p>")[0]).startswith(
        f"Opfølgning efter 4 måneder: skal tages {due}")
    due_list = caseworker.get(reverse("who5_due")).content.decode()
    assert row_of(due_list, project.on_time.code).startswith(f"{project.on_time.code} Opfølgning efter 4 måneder {due}")
    # Its current WHO-5 measurement is answered (the exit indicators' section below has its own schedule).
    assert project.late.code not in due_list.split('id="outcomes-due"')[0]
    meeting = client_as("coordinator").get(reverse("team_meeting", args=[project.project.slug])).content.decode()
    assert row_of(meeting, project.on_time.code).startswith(f"{project.on_time.code} Opfølgning efter 4 måneder {due}")

    # Each answer on the course pages counts for the measurement the response rate counts it for.
    late_page = caseworker.get(reverse("course_detail", args=[project.late.code])).content.decode()
    late_rows = late_page.split('id="who5-scores"')[1].split("<tbody>")[1].split("</tbody>")[0]
    assert [row.split("</td>")[1] for row in late_rows.split("<tr")[1:]] == [
        '<td data-title="Måling">Første måling', '<td data-title="Måling">Opfølgning efter 4 måneder']
    project_page = client_as("coordinator").get(reverse("project_detail", args=[project.project.slug])).content.decode()
    assert rate_rows(project_page) == {
        "Første måling": (2, 2),
        "Opfølgning efter 2 måneder": (2, 1),  # on time answered it, late did not
        "Opfølgning efter 4 måneder": (1, 1),  # late answered; on time's is still within its two weeks
    }
    # The budget indicator over the months when only the follow-up at 2 months fell due: the same 1 of 2.
    rate = indicators.compute("who5_response_rate", project.project, add_months(project.start, 1),
                              add_months(project.start, 3))
    assert rate == 50.0
    # ...and over the last month, when the follow-up at 4 months fell due: 1 of 1, as in the table.
    assert indicators.compute("who5_response_rate", project.project, add_months(project.start, 3),
                              project.today) == 100.0

    # The report numbers answers in order: both courses gave an answer 2 (at 2 and at 4 months).
    report = json.loads(client_as("coordinator").get(
        reverse("project_report_json", args=[project.project.slug]) + f"?as_of={project.today}").content)
    assert [(r["round"], r["n"]) for r in report["who5"]["rounds"]] == [(1, 2), (2, 2)]
    report_page = client_as("coordinator").get(
        reverse("project_report", args=[project.project.slug]) + f"?as_of={project.today}").content.decode()
    assert "Besvarelse 2" in text(report_page)

    # Two numberings, two vocabularies: no page uses the other's words, and none says "round".
    for page in (on_time_page, late_page, due_list, meeting, project_page):
        assert "Besvarelse 2" not in text(page) and "runde" not in text(page).lower()
    assert "Opfølgning efter" not in text(report_page) and "runde" not in text(report_page).lower()
