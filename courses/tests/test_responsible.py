"""The course's responsible worker: the creator by default, one of the staff of the course's organisation,
shown on the course page and the team meeting, where the coordinator (only) reassigns it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from audit.models import AccessEvent
from conftest import make_user
from courses import services
from courses.selectors import responsible_candidates


@pytest.fixture
def team(world):
    """A second caseworker of organisation A, and course A's WHO-5 measurement overdue (it started
    60 days ago and nobody has answered), beside its waiting referral (the world's)."""
    world.users["caseworker_a2"] = make_user("caseworker_a2", (world.org_a, world.project, Membership.Role.CASEWORKER))
    world.users["caseworker_a2"].first_name = "Anna"
    world.users["caseworker_a2"].save()
    world.course_a.start_date = timezone.localdate() - timedelta(days=60)
    world.course_a.save()
    return world


def _meeting(client):
    response = client.get(reverse("team_meeting", args=["exit"]))
    assert response.status_code == 200
    return response.content.decode()


def _select(html, key):
    """The options (value, text, selected) of the reassign field with id responsible-<key>, or None."""
    found = re.search(rf'<select name="responsible" id="responsible-{re.escape(key)}"[^>]*>(.*?)</select>', html, re.S)
    if not found:
        return None
    return [(value, text, bool(selected)) for value, selected, text
            in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', found[1])]


def _reassign(client, world, user, course=None):
    course = course or world.course_a
    meeting = reverse("team_meeting", args=["exit"])
    return client.post(reverse("course_responsible", args=[course.code]),
                       {"responsible": user.pk if user else "", "next": meeting})


def test_the_creator_of_the_courses_organisation_is_responsible_from_the_start(world):
    assert world.course_a.responsible == world.users["caseworker_a"]
    assert world.course_b.responsible == world.users["caseworker_b"]


def test_a_course_registered_by_the_coordinator_for_a_partner_has_no_one_responsible(world):
    # The coordinator acts for the lead organisation, not for organisation A.
    course = services.register_course(project=world.project, organisation=world.org_a,
                                      by=world.users["coordinator"], start_date=timezone.localdate())
    assert course.responsible is None


def test_only_staff_of_the_courses_organisation_who_see_courses_can_be_responsible(team):
    Membership.objects.create(user=make_user("outreach_a"), organisation=team.org_a, project=team.project,
                              role=Membership.Role.OUTREACH)
    # caseworker_b is a caseworker in organisation B, but an outreach worker in organisation A:
    # the role and the organisation must hold for the same membership.
    Membership.objects.create(user=team.users["caseworker_b"], organisation=team.org_a, project=team.project,
                              role=Membership.Role.OUTREACH)
    assert list(responsible_candidates(team.course_a)) == [team.users["caseworker_a"], team.users["caseworker_a2"]]


def test_the_coordinator_sees_who_is_responsible_and_may_choose_another_worker_of_the_organisation(team, client_as):
    html = _meeting(client_as("coordinator"))
    a, a2 = team.users["caseworker_a"], team.users["caseworker_a2"]
    # By first name; caseworker_a has none, so it comes first (and is shown by its username).
    expected = [("", "Ingen", False), (str(a.pk), "caseworker_a", True), (str(a2.pk), "Anna", False)]
    assert _select(html, f"who5-{team.course_a.code}") == expected  # the overdue WHO-5 measurement
    assert _select(html, f"referral-{team.referral_a.pk}") == expected  # the waiting referral


def test_the_coordinator_reassigns_at_the_team_meeting_and_the_access_log_has_it(team, client_as):
    response = _reassign(client_as("coordinator"), team, team.users["caseworker_a2"])
    assert response.status_code == 302
    assert response["Location"] == reverse("team_meeting", args=["exit"])
    team.course_a.refresh_from_db()
    assert team.course_a.responsible == team.users["caseworker_a2"]
    logged = AccessEvent.objects.filter(course_code=team.course_a.code, username="coordinator",
                                        url_name="course_responsible")
    assert [event.action for event in logged] == ["change"]
    html = client_as("caseworker_a").get(reverse("course_detail", args=[team.course_a.code])).content.decode()
    assert '<dd id="responsible-worker">Anna</dd>' in html


def test_the_coordinator_may_leave_a_course_with_no_one_responsible(team, client_as):
    _reassign(client_as("coordinator"), team, None)
    team.course_a.refresh_from_db()
    assert team.course_a.responsible is None


def test_a_worker_of_another_organisation_cannot_be_made_responsible(team, client_as):
    response = _reassign(client_as("coordinator"), team, team.users["caseworker_b"])
    assert response.status_code == 302
    team.course_a.refresh_from_db()
    assert team.course_a.responsible == team.users["caseworker_a"]


@pytest.mark.parametrize("who", ["caseworker_a", "caseworker_b"])
def test_caseworkers_cannot_reassign(team, client_as, who):
    response = _reassign(client_as(who), team, team.users["caseworker_a2"])
    assert response.status_code == 404
    team.course_a.refresh_from_db()
    assert team.course_a.responsible == team.users["caseworker_a"]


def test_the_caseworker_sees_the_name_at_the_team_meeting_without_a_form(team, client_as):
    html = _meeting(client_as("caseworker_a"))
    assert _select(html, f"who5-{team.course_a.code}") is None
    assert 'action="' + reverse("course_responsible", args=[team.course_a.code]) not in html
    cell = re.search(r'<td data-title="Ansvarlig medarbejder">([^<]*)</td>', html)
    assert cell[1] == "caseworker_a"


def test_the_next_address_must_be_on_this_site(team, client_as):
    response = client_as("coordinator").post(reverse("course_responsible", args=[team.course_a.code]),
                                             {"responsible": team.users["caseworker_a2"].pk,
                                              "next": "https://example.org/"})
    assert response["Location"] == reverse("course_detail", args=[team.course_a.code])


def test_the_service_refuses_a_worker_of_another_organisation_whoever_calls_it(team):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.set_responsible(course=team.course_a, responsible=team.users["caseworker_b"],
                                 by=team.users["coordinator"])
    team.course_a.refresh_from_db()
    assert team.course_a.responsible == team.users["caseworker_a"]
