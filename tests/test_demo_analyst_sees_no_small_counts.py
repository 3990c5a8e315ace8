"""Signed in as the demo analyst (the national agency: outside both demo projects), no report
format and not the cross-project view shows a count of 1-4 people, and every table that adds up
to a shown total has no hidden cell alone. The coordinator, inside, sees at least one such count,
so the demo data does hold small numbers. (The demo's outreach and budget goals hold none; their
rule is tested on data made for it: outreach/tests/test_followup_disclosure.py, budget/tests/test_goals.py.)"""

import io
import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from accounts.models import User

REPORT_COUNTS = ("age", "gender", "interventions_per_citizen", "citizens_per_intervention")


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())


def _client(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def _small(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 5


def _report_counts(report):
    """The report's counts of people: its tables, the citizens, single-day courses, referrals, WHO-5 respondents."""
    counts = [report["citizens"], report["participation"]["single_day"], report["trafficking_referrals"]]
    for table in REPORT_COUNTS:
        counts += [v for k, v in report[table].items() if k != "mean"]
    counts += [r["n"] for r in report["who5"]["rounds"]]
    return counts


@pytest.mark.parametrize("slug", ["exit-kbh", "kbh-2026"])
def test_the_analysts_report_json_and_excel_hold_no_count_of_one_to_four(demo, client, slug):
    exact = json.loads(_client(client, "koordinator").get(reverse("project_report_json", args=[slug])).content)
    analyst = _client(client, "analytiker")
    report = json.loads(analyst.get(reverse("project_report_json", args=[slug])).content)
    assert not [v for v in _report_counts(report) if _small(v)]
    assert report["citizens"] == exact["citizens"]  # 5 or more in both demo projects: shown as it is
    for table in ("age", "gender", "interventions_per_citizen"):
        cells = {k: v for k, v in report[table].items() if k != "mean"}
        for k, v in cells.items():
            if _small(exact[table][k]):
                assert v is None, (table, k)  # a count of 1-4 is hidden
            elif v is not None:
                assert v == exact[table][k], (table, k)  # what is shown is the exact count
        hidden = [k for k, v in cells.items() if v is None]
        assert len(hidden) != 1, (table, cells)
        if hidden:  # not all 1: two hidden cells adding up to 2 would be
            assert report["citizens"] - sum(v for v in cells.values() if v is not None) > len(hidden)
            assert sum(exact[table][k] for k in hidden) == report["citizens"] - sum(
                v for v in cells.values() if v is not None)
    book = openpyxl.load_workbook(io.BytesIO(analyst.get(reverse("project_report_xlsx", args=[slug])).content))
    for name in ("Alder ved registrering", "Køn", "Indsatser pr. borger", "Borgere pr. indsats"):
        assert not [row for row in book[name].iter_rows(min_row=2, values_only=True) if _small(row[1])], name


def test_the_demo_data_has_small_counts_the_coordinator_sees(demo, client):
    exact = json.loads(_client(client, "koordinator").get(reverse("project_report_json", args=["exit-kbh"])).content)
    assert [v for v in _report_counts(exact) if _small(v)]


def test_the_analysts_side_by_side_view_holds_no_count_of_one_to_four(demo, client):
    analyst = _client(client, "analytiker")
    book = openpyxl.load_workbook(io.BytesIO(analyst.get(reverse("report_compare_xlsx")).content))
    for name in ("Alder ved registrering", "Køn", "Indsatser pr. borger"):
        assert not [v for row in book[name].iter_rows(min_row=2, values_only=True) for v in row[1:] if _small(v)]
