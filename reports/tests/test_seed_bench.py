from datetime import date
from io import StringIO

from django.core.management import call_command

from courses.models import Course, InterventionRecord
from projects.models import Project
from reports.selectors import project_report
from wellbeing.models import Who5Response


def test_seed_bench_fills_a_project_the_report_can_count(db):
    call_command("seed_bench", courses=40, slug="bench-test", stdout=StringIO())

    project = Project.objects.get(slug="bench-test")
    assert Course.objects.filter(project=project).count() == 40
    records = InterventionRecord.objects.filter(course__project=project).count()
    assert 40 * 7 <= records <= 40 * 13
    assert Who5Response.objects.filter(course__project=project).count() == 40 * 3
    report = project_report(project, date(2026, 11, 30))
    assert report["citizens"] == 40
    assert sum(report["gender"].values()) == 40
