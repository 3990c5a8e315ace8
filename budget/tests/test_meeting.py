"""The team meeting page: what happened since the last meeting, only what the viewer may see."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from brobygger import sections
from budget import meeting
from budget.models import Flag, MeetingHeld
from courses import services as courses


@pytest.fixture
def recent(world):
    """A course of each partner started yesterday, and course A's referral still waiting."""
    today = timezone.localdate()
    world.new_a = courses.register_course(project=world.project, organisation=world.org_a,
                                          by=world.users["caseworker_a"], start_date=today - timedelta(days=1))
    world.new_b = courses.register_course(project=world.project, organisation=world.org_b,
                                          by=world.users["caseworker_b"], start_date=today - timedelta(days=1))
    return world


def _page(client, world, **query):
    return client.get(reverse("team_meeting", args=[world.project.slug]), query)


def test_since_is_a_week_ago_without_an_earlier_meeting(world):
    today = timezone.localdate()
    assert meeting.meeting_since(world.project, today=today) == today - timedelta(days=7)


def test_since_is_the_last_meeting_held(world, client_as):
    today = timezone.localdate()
    MeetingHeld.objects.create(project=world.project, held_on=today - timedelta(days=3))
    MeetingHeld.objects.create(project=world.project, held_on=today)  # today's does not count yet
    assert meeting.meeting_since(world.project, today=today) == today - timedelta(days=3)
    assert _page(client_as("coordinator"), world).context["since"] == today - timedelta(days=3)


def test_a_caseworker_sees_only_courses_they_may_see(recent, client_as):
    html = _page(client_as("caseworker_b"), recent).content.decode()
    assert recent.new_b.code in html
    assert recent.new_a.code not in html
    assert recent.course_a.code not in html  # its waiting referral belongs to organisation A


def test_the_coordinator_sees_every_new_course_and_waiting_referral(recent, client_as):
    html = _page(client_as("coordinator"), recent).content.decode()
    assert recent.new_a.code in html and recent.new_b.code in html
    assert recent.course_a.code in html  # referral to drug treatment still waiting
    assert "print" in html


def test_outreach_workers_see_no_course_at_all(recent, client_as):
    response = _page(client_as("outreach"), recent)
    html = response.content.decode()
    assert response.status_code == 200
    for course in (recent.new_a, recent.new_b, recent.course_a):
        assert course.code not in html


def test_other_apps_sections_render_with_the_meeting_date(world, client_as, monkeypatch):
    seen = []

    def outreach_by_site(request, project):
        seen.append(request.meeting_since)
        return {}

    monkeypatch.setitem(sections._SECTIONS.setdefault("team_meeting", {}), "budget/sections/project_links.html",
                        sections.Section(99, "budget/sections/project_links.html", outreach_by_site))
    _page(client_as("coordinator"), world, since="2026-01-01")
    assert [str(d) for d in seen] == ["2026-01-01"]


def test_a_bad_since_falls_back_to_the_default(world, client_as):
    response = _page(client_as("coordinator"), world, since="not-a-date")
    assert response.context["since"] == timezone.localdate() - timedelta(days=7)


def test_the_coordinator_records_the_meeting(world, client_as):
    client_as("coordinator").post(reverse("meeting_held", args=[world.project.slug]))
    assert MeetingHeld.objects.get(project=world.project).held_on == timezone.localdate()


def test_the_coordinator_flags_a_point_with_a_course(world, client_as):
    client = client_as("coordinator")
    client.post(reverse("flag_add", args=[world.project.slug]), {"flag-text": "Ring til behandlingen",
                                                                  "flag-course_code": world.course_a.code.lower()})
    flag = Flag.objects.get(text="Ring til behandlingen")
    assert flag.course == world.course_a
    html = _page(client, world).content.decode()
    assert "Ring til behandlingen" in html


def test_a_flag_on_a_course_is_hidden_from_those_who_may_not_see_the_course(world, client_as):
    meeting.raise_flag(project=world.project, text="Tal om forløbet", course=world.course_a,
                        by=world.users["coordinator"], on=timezone.localdate())
    assert "Tal om forløbet" in _page(client_as("caseworker_a"), world).content.decode()
    assert "Tal om forløbet" not in _page(client_as("caseworker_b"), world).content.decode()
    assert "Tal om forløbet" not in _page(client_as("outreach"), world).content.decode()


def test_a_flag_holding_a_phone_number_is_refused(world, client_as):
    client_as("coordinator").post(reverse("flag_add", args=[world.project.slug]), {"flag-text": "Ring 12 34 56 78"})
    assert not Flag.objects.filter(text__contains="12 34").exists()


def test_a_done_flag_leaves_the_list_after_the_next_meeting(world, client_as):
    flag = world.flag
    client_as("coordinator").post(reverse("flag_done", args=[world.project.slug, flag.pk]))
    flag.refresh_from_db()
    assert flag.done_on == timezone.localdate()
    later = timezone.localdate() + timedelta(days=8)
    MeetingHeld.objects.create(project=world.project, held_on=timezone.localdate() + timedelta(days=1))
    assert meeting.meeting_since(world.project, today=later) > flag.done_on


def test_a_flag_on_an_unknown_course_is_refused(world, client_as):
    client_as("coordinator").post(reverse("flag_add", args=[world.project.slug]),
                                  {"flag-text": "Tal om det", "flag-course_code": "KBH-XXXX"})
    assert not Flag.objects.filter(text="Tal om det").exists()
