"""Indicator follow-ups on the due list and the team meeting page, beside WHO-5."""


import pytest
from django.urls import reverse

from outcomes.categories import INDICATORS, UNKNOWN
from outcomes.due import due_indicator_measurements, share_answered_by_round
from outcomes.models import Measurement
from wellbeing.rounds import add_months

pytestmark = pytest.mark.django_db
BASE = {i.field: UNKNOWN for i in INDICATORS}


def test_the_current_follow_up_is_due_until_taken_and_counts_in_the_share(world):
    interval = world.project.who5_interval_months
    today = add_months(world.course_a.start_date, 2 * interval)  # the follow-up at 2 intervals is due today
    courses = world.project.courses.filter(pk=world.course_a.pk)
    [item] = due_indicator_measurements(courses, today)
    assert (item.round, item.due_on, item.overdue) == (2, today, False)
    # In the share a follow-up counts once its grace period has passed (or it was taken): not yet round 2.
    assert [r["round"] for r in share_answered_by_round(courses, today)] == [0, 1]
    Measurement.objects.create(course=world.course_a, measured_on=world.course_a.start_date, kind="start", **BASE)
    Measurement.objects.create(course=world.course_a, measured_on=today, kind="follow_up", **BASE)
    assert due_indicator_measurements(courses, today) == []
    rounds = {r["round"]: (r["due"], r["answered"]) for r in share_answered_by_round(courses, today)}
    assert rounds == {0: (1, 1), 1: (1, 0), 2: (1, 1)}


def test_the_due_list_and_the_team_meeting_show_indicator_follow_ups(client_as, world):
    client = client_as("caseworker_a")
    due = client.get(reverse("who5_due")).content.decode()
    section = due.split('id="outcomes-due"')[1].split("</section>")[0]
    assert world.course_a.code in section and world.course_b.code not in section  # B's course is not hers
    assert reverse("outcome_record", args=[world.course_a.code]) in section
    meeting = client_as("coordinator").get(reverse("team_meeting", args=[world.project.slug])).content.decode()
    section = meeting.split('id="outcomes-due"')[1].split("</section>")[0]
    assert world.course_a.code in section and world.course_b.code in section
    assert 'id="outcomes-rounds"' in section
