"""Issue 13: importing a project's own export (registrations, WHO-5 answers and, since format
version 2, exit indicators) adds, changes and removes nothing. On the demo data, whose referrals are kinds of service, services picked from the
directory and names typed by hand, and whose courses are known by their own id or only by their code."""

import pytest

from brobygger.tests.demo_data import demo_data_for_the_module
from courses.models import Course, Referral
from outcomes.categories import INDICATOR_FIELDS
from outcomes.models import Measurement
from projects.models import Project
from projects.services import create_project

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
    if slug == "exit-kbh":
        assert before["Measurement"]
    workbook, answers = tmp_path / "registrering.xlsx", tmp_path / "who5.csv"
    run("export_registrations", slug, str(workbook), "--who5", str(answers), "--language", language)
    run("import_registrations", slug, str(workbook))
    run("import_who5", slug, str(answers))
    after = everything(project)
    for name, rows in before.items():
        assert len(after[name]) == len(rows), name
        assert after[name] == rows, name



def _measurements(project):
    """(Borger-ID, date, kind, answers...) of every measurement of the project, by a plain query."""
    return sorted((ref or code, *rest) for ref, code, *rest in Measurement.objects.filter(
        course__project=project).values_list("course__project_ref", "course__code", "measured_on", "kind",
                                             *INDICATOR_FIELDS))


def test_the_export_carries_the_exit_indicators_into_an_empty_project(demo, tmp_path):
    workbook = tmp_path / "registrering.xlsx"
    run("export_registrations", "exit-kbh", str(workbook))
    create_project(slug="kopi", name="Kopi")
    run("import_registrations", "kopi", str(workbook))
    original = _measurements(Project.objects.get(slug="exit-kbh"))
    assert len({kind for _ref, _day, kind, *_answers in original}) == 3  # start, follow-up and end
    assert _measurements(Project.objects.get(slug="kopi")) == original
