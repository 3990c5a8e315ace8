from datetime import timedelta

from django.test import RequestFactory
from django.utils import timezone

from brobygger import indicators
from brobygger.sections import render_sections
from outreach import services


def test_indicators_count_people_contacts_and_business_courses(world, log):
    today = timezone.localdate()
    log(card_code=world.card.code)
    log(card_code=world.card.code)
    log()
    services.record_activity(project=world.project, by=world.users["outreach"], kind="business_course", on=today,
                             place="SIO", organiser=world.org_a, topic="Moms", attendance=8)
    services.record_activity(project=world.project, by=world.users["outreach"], kind="social", on=today,
                             place="Reden", organiser=world.org_a, topic="Fællesspisning", attendance=30)
    start, end = today - timedelta(days=30), today
    assert indicators.compute("anonymous_people", world.project, start, end) == 1
    assert indicators.compute("anonymous_contacts", world.project, start, end) == 3
    assert indicators.compute("business_courses_held", world.project, start, end) == 1
    assert indicators.compute("business_course_attendance", world.project, start, end) == 8
    assert indicators.compute("anonymous_contacts", world.project, start - timedelta(days=60),
                              start - timedelta(days=1)) == 0


def request_for(user, since=None):
    request = RequestFactory().get("/")
    request.user = user
    if since:
        request.meeting_since = since
    return request


def test_team_meeting_shows_contacts_per_site_since_the_last_meeting(world, log):
    log(at=timezone.now() - timedelta(days=10))
    log()
    log()
    since = timezone.localdate() - timedelta(days=7)
    html = "".join(render_sections("team_meeting", request_for(world.users["coordinator"], since), world.project))
    assert "outreach-since" in html and "H17" in html and ">2<" in html


def test_team_meeting_section_is_hidden_from_caseworkers(world, log):
    log()
    since = timezone.localdate() - timedelta(days=7)
    html = "".join(render_sections("team_meeting", request_for(world.users["caseworker_a"], since), world.project))
    assert "outreach-since" not in html


def test_course_page_section_only_for_courses_with_a_linked_card(world):
    request = request_for(world.users["coordinator"])
    assert "outreach-contacts" in "".join(render_sections("course", request, world.course_a))
    assert "outreach-contacts" not in "".join(render_sections("course", request, world.course_b))


def test_demo_data_builds(db):
    from brobygger import demo
    from outreach.models import Card, GroupActivity, OutreachContact

    context = demo.build(courses=3)
    project = context["project_2026"]
    assert OutreachContact.objects.filter(project=project).count() > 50
    assert Card.objects.filter(project=project).count() == 60
    assert GroupActivity.objects.filter(project=project, kind="business_course").exists()


def test_team_meeting_shows_the_outreach_trend_against_the_period_before(world, log):
    from outreach.sections import team_meeting_section

    today = timezone.localdate()
    since = today - timedelta(days=6)  # this period: 7 days; the one before: the 7 days until `since`
    now = timezone.now()
    log(at=now - timedelta(days=1))
    for days in (7, 8, 13):  # in the period before
        log(at=now - timedelta(days=days), may_backdate=True)
    log(at=now - timedelta(days=14), may_backdate=True)  # before both periods
    section = team_meeting_section(request_for(world.users["coordinator"], since), world.project)
    assert (section["total"], section["previous_total"]) == (1, 3)
    assert (section["previous_start"], section["previous_end"]) == (today - timedelta(days=13), today - timedelta(days=7))
    html = "".join(render_sections("team_meeting", request_for(world.users["coordinator"], since), world.project))
    assert 'id="outreach-trend-before">3<' in html


def test_team_meeting_has_no_outreach_part_in_a_project_without_outreach(world, log):
    # The world's project has sites but no contact yet: a project that only follows courses.
    since = timezone.localdate() - timedelta(days=7)
    request = request_for(world.users["coordinator"], since)
    assert "outreach-since" not in "".join(render_sections("team_meeting", request, world.project))
    log(at=timezone.now() - timedelta(days=30), may_backdate=True)  # outreach, though none this period
    assert "outreach-since" in "".join(render_sections("team_meeting", request, world.project))
