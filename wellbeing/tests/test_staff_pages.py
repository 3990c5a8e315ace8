"""The workers' side: invitation with QR code, answering together, the due list, the page sections."""

import re
from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from brobygger.sections import render_sections
from courses import services as course_services
from wellbeing.models import Who5Invitation, Who5Response, hash_token
from wellbeing.rounds import add_months

pytestmark = pytest.mark.django_db

ANSWERS = {"item1": "1", "item2": "1", "item3": "2", "item4": "1", "item5": "2"}


def answer(course, on, items=(2, 2, 2, 2, 2)):
    return Who5Response.objects.create(course=course, answered_on=on, mode="with_worker",
                                       **{f"item{i + 1}": a for i, a in enumerate(items)})


def test_worker_makes_a_link_shown_once_as_qr_code(client_as, world):
    client = client_as("caseworker_a")
    page = client.post(reverse("who5_invite", args=[world.course_a.code]))
    body = page.content.decode()
    invitation = Who5Invitation.objects.filter(course=world.course_a).latest("pk")
    link = body.split('id="who5-link">')[1].split("<")[0]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert link.startswith("http://testserver/s/")
    assert invitation.token_hash == hash_token(token)
    assert '<svg role="img"' in body and "who5-qr" in body and "&lt;svg" not in body
    assert invitation.created_by == world.users["caseworker_a"]
    # Opening the invitation page again shows no token, only that a link is waiting.
    again = client.get(reverse("who5_invite", args=[world.course_a.code])).content.decode()
    assert token not in again


def test_worker_records_an_answer_given_together(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(reverse("who5_answer", args=[world.course_a.code]),
                           {**ANSWERS, "answered_on": "2026-01-05", "language": "da"})
    assert response.status_code == 302
    saved = Who5Response.objects.get(course=world.course_a)
    assert (saved.score, saved.mode, saved.recorded_by) == (28, "with_worker", world.users["caseworker_a"])


def test_worker_form_names_the_missing_statement_and_stores_nothing(client_as, world):
    client = client_as("caseworker_a")
    data = {**ANSWERS, "answered_on": "2026-01-05", "language": "en"}
    del data["item5"]
    response = client.post(reverse("who5_answer", args=[world.course_a.code]) + "?lang=en", data)
    assert response.status_code == 200
    assert 'href="#id_item5"' in response.content.decode()
    assert not Who5Response.objects.exists()


def test_an_answer_cannot_be_dated_in_the_future(client_as, world):
    client = client_as("caseworker_a")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("who5_answer", args=[world.course_a.code]),
                           {**ANSWERS, "answered_on": tomorrow, "language": "da"})
    assert response.status_code == 200
    assert not Who5Response.objects.exists()


def test_ended_courses_get_no_new_measurements(client_as, world):
    course_services.update_course(course=world.course_a, by=world.users["caseworker_a"],
                                  end_date=date(2026, 2, 1), end_reason="moved")
    before = Who5Invitation.objects.count()
    client = client_as("caseworker_a")
    response = client.post(reverse("who5_invite", args=[world.course_a.code]))
    assert response.status_code == 302
    assert Who5Invitation.objects.count() == before


def test_course_page_shows_scores_chart_and_change(client_as, world):
    answer(world.course_a, date(2026, 1, 5), (1, 1, 1, 1, 1))
    answer(world.course_a, date(2026, 3, 5), (2, 2, 2, 2, 2))
    body = client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code])).content.decode()
    assert 'id="who5-scores"' in body and ">20<" in body and ">40<" in body
    assert "<svg" in body
    assert "+20 point" in body  # the change from first to latest
    assert reverse("who5_invite", args=[world.course_a.code]) in body


@pytest.mark.parametrize(("days_ago", "answered", "expected"), [
    (14, False, "overskredet siden"),  # the first measurement, two weeks after its date: grace is over
    (13, False, "skal tages"),         # a day before: still due
    (0, True, "næste gang"),           # answered at the start: the follow-up is two months away
])
def test_course_page_says_whether_the_next_measurement_is_overdue_due_or_later(client_as, world, days_ago,
                                                                                answered, expected):
    start = timezone.localdate() - timedelta(days=days_ago)
    course = course_services.register_course(project=world.project, organisation=world.org_a,
                                             by=world.users["caseworker_a"], start_date=start)
    if answered:
        answer(course, start)
    body = client_as("caseworker_a").get(reverse("course_detail", args=[course.code])).content.decode()
    next_line = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body.split('id="who5-next">')[1].split("</p>")[0]))
    due = add_months(start, 2) if answered else start
    assert next_line.strip().endswith(f"{expected} {due:%d.%m.%Y}")


def test_due_list_shows_an_overdue_course(client_as, world):
    # A course measured at its start, whose first follow-up was due 20 days ago.
    today = timezone.localdate()
    start = add_months(today - timedelta(days=20), -2)
    late = course_services.register_course(project=world.project, organisation=world.org_a,
                                           by=world.users["caseworker_a"], start_date=start)
    answer(late, start)
    body = client_as("caseworker_a").get(reverse("who5_due") + "?show=overdue").content.decode()
    row = next(tr for tr in body.split("<tr>") if late.code in tr)
    assert "Overskredet med 20 dage" in row
    assert world.course_b.code not in body  # organisation B's course, not shared with A


def test_coordinator_sees_every_course_of_the_project_due(client_as, world):
    body = client_as("coordinator").get(reverse("who5_due")).content.decode()
    assert world.course_a.code in body and world.course_b.code in body


def test_project_page_shows_response_rate_per_round(client_as, world):
    answer(world.course_a, date(2026, 1, 5))
    body = client_as("coordinator").get(reverse("project_detail", args=[world.project.slug])).content.decode()
    assert 'id="who5-rounds"' in body
    assert _first_measurement_row(body) == ["2", "1", "50 %"]  # course_a answered at its start, course_b not


def _first_measurement_row(body):
    """The cells (due, answered, rate) of the first measurement's row on the project page."""
    row = re.search(r'<th scope="row" data-title="Måling">Første måling</th>(.*?)</tr>', body, re.S).group(1)
    return re.findall(r"<td[^>]*>([^<]*)</td>", row)


@pytest.fixture
def twelve_due_nine_answered(world):
    """12 courses whose first measurement is long due (the world's two and ten more); 9 answered it."""
    courses = [world.course_a, world.course_b] + [
        course_services.register_course(project=world.project, organisation=world.org_a,
                                        by=world.users["caseworker_a"], start_date=date(2026, 1, 5))
        for _n in range(10)]
    for course in courses[:9]:
        answer(course, course.start_date)
    return world


def test_project_page_hides_small_numbers_from_analysts(client_as, twelve_due_nine_answered):
    """12 due, 9 answered: the 3 who did not answer are 12 - 9, so the 9 is hidden, and the rate with it."""
    body = client_as("analyst").get(reverse("project_detail", args=["exit"])).content.decode()
    assert _first_measurement_row(body) == ["12", "skjult", "skjult"]
    assert "75 %" not in body


def test_the_coordinator_sees_the_exact_response_rate(client_as, twelve_due_nine_answered):
    body = client_as("coordinator").get(reverse("project_detail", args=["exit"])).content.decode()
    assert _first_measurement_row(body) == ["12", "9", "75 %"]


def test_outreach_workers_see_no_wellbeing_on_the_project_page(client_as, world):
    body = client_as("outreach").get(reverse("project_detail", args=[world.project.slug])).content.decode()
    assert "who5-rounds" not in body


def _meeting_request(user, since):
    request = RequestFactory().get("/")
    request.user = user
    request.meeting_since = since
    return request


def test_team_meeting_lists_measurements_due_for_what_the_viewer_may_see(world):
    answer(world.course_b, timezone.localdate())
    html = "".join(render_sections("team_meeting", _meeting_request(world.users["caseworker_a"],
                                                                    timezone.localdate() - timedelta(days=7)),
                                   world.project))
    assert world.course_a.code in html and world.course_b.code not in html
    coordinator_html = "".join(render_sections(
        "team_meeting", _meeting_request(world.users["coordinator"], timezone.localdate() - timedelta(days=7)),
        world.project))
    assert "1 besvarelse siden" in coordinator_html


def test_team_meeting_section_is_hidden_from_those_who_see_no_courses(world):
    html = render_sections("team_meeting", _meeting_request(world.users["analyst"], date(2026, 1, 1)), world.project)
    assert not any("who5-meeting" in part for part in html)


def test_the_menu_offers_wellbeing_to_caseworkers_only(client_as, world):
    assert reverse("who5_due") in client_as("caseworker_a").get(reverse("home")).content.decode()
    assert reverse("who5_due") not in client_as("outreach").get(reverse("home")).content.decode()


def test_demo_data_adds_who5_answers(db):
    from brobygger import demo

    context = demo.build(courses=8, seed=4)
    assert Who5Response.objects.filter(course__in=context["courses"]).exists()


def test_worker_can_stop_an_unused_link(client_as, world):
    from wellbeing import services

    invitation, token = services.create_invitation(course=world.course_a, by=None)
    response = client_as("caseworker_a").post(reverse("who5_invitation_withdraw",
                                                      args=[world.course_a.code, invitation.pk]))
    assert response.status_code == 302
    assert services.usable_invitation(token) is None


def test_a_link_cannot_be_stopped_through_another_course(client_as, world):
    from wellbeing import services

    invitation, token = services.create_invitation(course=world.course_a, by=None)
    response = client_as("coordinator").post(reverse("who5_invitation_withdraw",
                                                     args=[world.course_b.code, invitation.pk]))
    assert response.status_code == 404
    assert services.usable_invitation(token) is not None


def test_project_section_needs_a_fixed_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from projects.models import Project

    def queries():
        # The user and the project as a request meets them: nothing cached on them yet.
        request = RequestFactory().get("/")
        request.user = User.objects.get(pk=world.users["coordinator"].pk)
        project = Project.objects.get(pk=world.project.pk)
        with CaptureQueriesContext(connection) as captured:
            render_sections("project", request, project)
        return len(captured)

    answer(world.course_a, date(2026, 1, 5))
    few = queries()
    for i in range(5):
        course = course_services.register_course(project=world.project, organisation=world.org_a,
                                                 by=world.users["caseworker_a"], start_date=date(2026, 1, 1 + i))
        answer(course, date(2026, 1, 1 + i))
    # The same for seven courses as for two. Two of them ask who reads: the reader's memberships and
    # the project's organisations (brobygger.disclosure.audience).
    assert queries() == few == 6
