"""Issue 13: importing a project's own export (registrations and WHO-5 answers) adds, changes and
removes nothing. On the demo data, whose referrals are kinds of service, services picked from the
directory and names typed by hand, and whose courses are known by their own id or only by their code."""

import pytest

from brobygger.tests.demo_data import demo_data_for_the_module
from courses.models import Course, Referral
from projects.models import Project

from .helpers import everything, run

DEMO_PROJECTS = ["exit-kbh", "kbh-2026", "reden-esbjerg"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with demo_data_for_the_module(django_db_blocker):
        yield


@pytest.fixture
def demo(seeded, db):
    pass


def test_the_demo_has_referrals_in_every_form(demo):
    referrals = Referral.objects.filter(course__project__slug="exit-kbh")
    assert referrals.filter(directory_service__isnull=False).exists()
    assert referrals.filter(directory_service__isnull=True).exclude(service_name="").exists()
    assert referrals.filter(service_name="").exists()
    assert Course.objects.filter(project__slug="kbh-2026", project_ref="").exists()  # known by their code only


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("slug", DEMO_PROJECTS)
def test_importing_a_projects_own_export_changes_nothing(demo, slug, language, tmp_path):
    project = Project.objects.get(slug=slug)
    before = everything(project)
    assert before["Referral"] and before["Course"]
    workbook, answers = tmp_path / "registrering.xlsx", tmp_path / "who5.csv"
    run("export_registrations", slug, str(workbook), "--who5", str(answers), "--language", language)
    run("import_registrations", slug, str(workbook))
    run("import_who5", slug, str(answers))
    after = everything(project)
    for name, rows in before.items():
        assert len(after[name]) == len(rows), name
        assert after[name] == rows, name

