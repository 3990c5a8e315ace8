"""The contract's example: the Esbjerg files give exactly the expected report, through the commands."""

import io
import json

import pytest
from django.core.management import call_command

from courses.models import Course, InterventionRecord, Referral
from wellbeing.models import Who5Response

from .helpers import ESBJERG


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def esbjerg(db):
    run("create_project", "esbjerg", "--name", "Reden Esbjerg")
    run("import_registrations", "esbjerg", str(ESBJERG / "registrering.xlsx"))
    run("import_who5", "esbjerg", str(ESBJERG / "who5.csv"))


def test_esbjerg_gives_exactly_the_expected_report(esbjerg):
    report = json.loads(run("project_report", "esbjerg", "--as-of", "2023-11-30", "--format", "json"))
    expected = json.loads((ESBJERG / "expected-report.json").read_text(encoding="utf-8"))
    assert list(report) == list(expected)
    for key in expected:
        assert report[key] == expected[key], key


def test_importing_the_same_files_twice_duplicates_nothing(esbjerg):
    counts = (Course.objects.count(), InterventionRecord.objects.count(), Referral.objects.count(),
              Who5Response.objects.count())
    out = run("import_registrations", "esbjerg", str(ESBJERG / "registrering.xlsx"))
    run("import_who5", "esbjerg", str(ESBJERG / "who5.csv"))
    assert (Course.objects.count(), InterventionRecord.objects.count(), Referral.objects.count(),
            Who5Response.objects.count()) == counts
    assert "88" in out  # unchanged


def test_create_project_on_an_existing_slug_is_an_error(esbjerg):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("create_project", "esbjerg", "--name", "Another name")


def test_courses_get_product_codes_and_keep_the_borger_id(esbjerg):
    course = Course.objects.get(project_ref="ESB-001")
    assert course.code.startswith("ESB-") and course.code != "ESB-001"
    assert course.project.lead_organisation is not None
