"""The team meeting and the course page in Chromium: the coordinator reassigns a course's responsible worker
on a phone; the course page's exit indicators are short cards at 390 px; a second table's caption has room."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from conftest import make_user
from outcomes import services as outcomes
from outcomes.categories import INDICATORS, UNKNOWN

pytestmark = pytest.mark.browser


@pytest.fixture
def recent(world):
    """Course A started 60 days ago, with its exit indicators measured at the start: its follow-up is due."""
    today = timezone.localdate()
    world.course_a.start_date = today - timedelta(days=60)
    world.course_a.save()
    outcomes.record_measurement(course=world.course_a, by=world.users["caseworker_a"], measured_on=today - timedelta(days=60),
                                kind="start", answers={i.field: UNKNOWN for i in INDICATORS}, today=today)
    return world


def test_the_coordinator_reassigns_the_responsible_worker_at_the_team_meeting_on_a_phone(ui, world):
    anna = make_user("caseworker_a2", (world.org_a, world.project, Membership.Role.CASEWORKER))
    meeting = reverse("team_meeting", args=[world.project.slug])
    ui.login("coordinator").phone().goto(meeting)
    field = f"#responsible-referral-{world.referral_a.pk}"  # course A's referral is still waiting
    ui.page.select_option(field, str(anna.pk))
    ui.page.click(f"form:has({field}) button")
    ui.page.wait_for_load_state()
    assert ui.page.url == ui.url(meeting)
    world.course_a.refresh_from_db()
    assert world.course_a.responsible == anna
    assert ui.page.locator(field).input_value() == str(anna.pk)
    ui.check()


def test_the_course_pages_exit_indicators_are_short_cards_on_a_phone(ui, recent):
    ui.login("caseworker_a").phone().goto(reverse("course_detail", args=[recent.course_a.code]))
    rows = ui.page.locator("#outcome-answers tbody tr")
    assert rows.count() == len(INDICATORS)
    # The indicator, then its value beside the column's name: under 120 px a row (stacked, it was about 200).
    assert max(rows.nth(i).bounding_box()["height"] for i in range(rows.count())) < 120
    ui.check()


def test_the_share_taken_tables_caption_has_room_above_it_at_the_team_meeting(ui, recent):
    ui.login("coordinator").goto(reverse("team_meeting", args=[recent.project.slug]))
    due = ui.page.locator("#outcomes-due-table").bounding_box()
    caption = ui.page.locator("#outcomes-rounds caption").bounding_box()
    assert caption["y"] - (due["y"] + due["height"]) >= 24
