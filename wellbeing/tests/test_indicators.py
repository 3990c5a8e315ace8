from datetime import date

import pytest

from brobygger import indicators
from wellbeing.models import Who5Response

pytestmark = pytest.mark.django_db


def answer(course, on, items):
    return Who5Response.objects.create(course=course, answered_on=on, mode="alone",
                                       **{f"item{i + 1}": a for i, a in enumerate(items)})


def test_both_indicators_are_registered():
    assert indicators.get("who5_response_rate").unit == "%"
    assert indicators.get("who5_paired_change") is not None


def test_response_rate_is_the_share_of_courses_whose_due_follow_up_was_answered(world):
    # course_a started 5 Jan: follow-up 1 due 5 March, answered; course_b started 1 Feb: due 1 April, not answered.
    answer(world.course_a, date(2026, 1, 5), [1] * 5)
    answer(world.course_a, date(2026, 3, 6), [2] * 5)
    answer(world.course_b, date(2026, 2, 1), [1] * 5)
    rate = indicators.compute("who5_response_rate", world.project, date(2026, 3, 1), date(2026, 4, 30))
    assert rate == 50.0


def test_response_rate_is_none_when_no_follow_up_was_due(world):
    assert indicators.compute("who5_response_rate", world.project, date(2026, 1, 1), date(2026, 1, 31)) is None


def test_paired_change_is_the_mean_change_from_first_to_latest_score(world):
    answer(world.course_a, date(2026, 1, 5), [1] * 5)   # 20
    answer(world.course_a, date(2026, 3, 5), [2] * 5)   # 40
    answer(world.course_a, date(2026, 5, 5), [3] * 5)   # 60: +40
    answer(world.course_b, date(2026, 2, 1), [3] * 5)   # 60
    answer(world.course_b, date(2026, 4, 1), [2] * 5)   # 40: -20
    assert indicators.compute("who5_paired_change", world.project, date(2026, 1, 1), date(2026, 12, 31)) == 10.0
    # Up to the end of April course_a's latest is 40 (+20) and course_b's is 40 (-20).
    assert indicators.compute("who5_paired_change", world.project, date(2026, 1, 1), date(2026, 4, 30)) == 0.0


def test_paired_change_ignores_courses_with_one_answer_and_other_projects(world):
    answer(world.course_a, date(2026, 1, 5), [1] * 5)
    assert indicators.compute("who5_paired_change", world.project, date(2026, 1, 1), date(2026, 12, 31)) is None
    assert indicators.compute("who5_paired_change", world.other_project, date(2026, 1, 1), date(2026, 12, 31)) is None
