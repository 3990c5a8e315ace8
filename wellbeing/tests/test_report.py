from datetime import date

import pytest

from courses.models import Course
from wellbeing.models import Who5Response
from wellbeing.report import who5_report

pytestmark = pytest.mark.django_db


def answer(course, on, value):
    Who5Response.objects.create(course=course, answered_on=on, mode="alone", **{f"item{i}": value for i in range(1, 6)})


def test_report_gives_mean_per_round_bands_and_paired_change(world, django_assert_max_num_queries):
    answer(world.course_a, date(2026, 1, 5), 1)   # 20, round 0
    answer(world.course_a, date(2026, 1, 9), 5)   # a second answer in round 0 is not counted again
    answer(world.course_a, date(2026, 3, 5), 3)   # 60, round 1
    answer(world.course_b, date(2026, 2, 1), 2)   # 40, round 0
    with django_assert_max_num_queries(2):
        report = who5_report(Course.objects.filter(project=world.project), date(2026, 12, 31))
    assert report["rounds"] == [{"round": 0, "respondents": 2, "mean": 30.0}, {"round": 1, "respondents": 1, "mean": 60.0}]
    assert report["first_bands"] == {"high_risk": 1, "risk": 1, "no_risk": 0}
    assert report["paired"]["courses"] == 1
