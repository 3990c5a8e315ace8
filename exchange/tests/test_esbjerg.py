"""The contract's example: the Esbjerg files give exactly the expected report, through the commands."""

import io
import json
import threading

import pytest
from django.core.management import call_command

from courses.models import Course, InterventionRecord, Referral
from wellbeing.models import Who5Response

from .helpers import ESBJERG


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def import_esbjerg():
    run("create_project", "esbjerg", "--name", "Reden Esbjerg")
    run("import_registrations", "esbjerg", str(ESBJERG / "registrering.xlsx"))
    run("import_who5", "esbjerg", str(ESBJERG / "who5.csv"))


@pytest.fixture
def esbjerg(db):
    import_esbjerg()


def assert_expected_report():
    report = json.loads(run("project_report", "esbjerg", "--as-of", "2023-11-30", "--format", "json"))
    expected = json.loads((ESBJERG / "expected-report.json").read_text(encoding="utf-8"))
    assert list(report) == list(expected)
    for key in expected:
        assert report[key] == expected[key], key


def test_esbjerg_gives_exactly_the_expected_report(esbjerg):
    assert_expected_report()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_as_in_production_the_report_is_exactly_the_expected_one():
    """No test transaction around it: the report opens its own (reports.selectors.one_snapshot)."""
    import_esbjerg()
    assert_expected_report()


@pytest.mark.django_db(transaction=True)
def test_a_report_reads_one_snapshot_while_answers_change_under_it(monkeypatch):
    """Another connection deletes a WHO-5 answer after the report's first queries and before its
    WHO-5 query: the report still counts the answer, as its first queries saw it (PostgreSQL at
    REPEATABLE READ)."""
    from django.db import connections

    import reports.selectors

    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite's read transaction holds other connections' commits back until the report is done")
    import_esbjerg()
    before = report_now()
    answer = Who5Response.objects.order_by("pk").first()
    deleted, who5_rows = [], reports.selectors.who5_rows

    def delete_elsewhere():
        try:
            deleted.append(Who5Response.objects.filter(pk=answer.pk).delete()[0])
        finally:
            connections.close_all()  # this thread's connection only

    def late(*args):
        other = threading.Thread(target=delete_elsewhere)
        other.start()
        other.join()
        return who5_rows(*args)

    monkeypatch.setattr(reports.selectors, "who5_rows", late)
    assert report_now() == before
    assert deleted == [1]
    monkeypatch.undo()
    assert report_now()["who5"] != before["who5"]


def report_now():
    return json.loads(run("project_report", "esbjerg", "--as-of", "2023-11-30", "--format", "json"))


def test_importing_the_same_files_twice_duplicates_nothing(esbjerg):
    counts = (Course.objects.count(), InterventionRecord.objects.count(), Referral.objects.count(),
              Who5Response.objects.count())
    out = run("import_registrations", "esbjerg", str(ESBJERG / "registrering.xlsx"))
    run("import_who5", "esbjerg", str(ESBJERG / "who5.csv"))
    assert (Course.objects.count(), InterventionRecord.objects.count(), Referral.objects.count(),
            Who5Response.objects.count()) == counts
    assert "Importeret: 0 nye borgere, 0 opdateret, 88 uændret, 0 indsatser og 0 henvisninger tilføjet." in out


def test_create_project_on_an_existing_slug_is_an_error(esbjerg):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("create_project", "esbjerg", "--name", "Another name")


def test_courses_get_product_codes_and_keep_the_borger_id(esbjerg):
    course = Course.objects.get(project_ref="ESB-001")
    assert course.code.startswith("ESB-") and course.code != "ESB-001"
    assert course.project.lead_organisation is not None
