"""The follow-up outside the project: 12 contacts, 2 in one week and 10 in another. Shown as
"hidden" and 10 beside the total of 12, the hidden week would be 2, so the 10 is hidden too, on
the page and in the Excel file. The coordinator sees every count."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from projects.models import Site


@pytest.fixture
def twelve_contacts(world, log):
    """12 contacts: 2 three weeks ago (at Reden), 10 this week (at H17)."""
    reden = Site.objects.create(project=world.project, name="Reden")
    now = timezone.now()
    for _n in range(2):
        log(at=now - timedelta(days=21), site=reden)
    for _n in range(10):
        log(at=now - timedelta(minutes=5))
    return world


def _monday(days_ago):
    day = timezone.localdate() - timedelta(days=days_ago)
    return day - timedelta(days=day.weekday())


def _week_rows(html):
    table = html.split('id="weeks"')[1].split("</table>")[0]
    return dict(re.findall(r'<th scope="row" class="weight-normal">([^<]+)</th><td class="text-align-right">([^<]+)</td>',
                           table))


def _date(day):
    return day.strftime("%d.%m.%Y")  # Danish SHORT_DATE_FORMAT


def test_the_analyst_cannot_work_out_a_hidden_week_from_the_total(client_as, twelve_contacts):
    html = client_as("analyst").get(reverse("outreach_followup", args=["exit"])).content.decode()
    weeks = _week_rows(html)
    assert weeks[_date(_monday(21))] == "skjult"
    assert weeks[_date(_monday(0))] == "skjult"  # 10, hidden with the 2
    assert "10" not in weeks.values() and "2" not in weeks.values()
    assert re.search(r"<dt>Kontakter</dt><dd>12</dd>", html)
    sites = html.split('id="sites"')[1].split("</table>")[0]
    assert re.findall(r'<td class="text-align-right">([^<]+)</td>', sites) == ["skjult", "skjult"]  # 10 and 2


def test_the_analysts_excel_file_hides_the_same_weeks(client_as, twelve_contacts):
    response = client_as("analyst").get(reverse("outreach_followup_export", args=["exit"]))
    book = load_workbook(BytesIO(response.content), read_only=True)
    weeks = {row[0]: row[1] for row in book["Uger"].iter_rows(min_row=2, values_only=True)}
    assert weeks[_monday(21).isoformat()] == "skjult"
    assert weeks[_monday(0).isoformat()] == "skjult"
    assert sum(v for v in weeks.values() if isinstance(v, int)) == 0  # every other week had no contact
    sites = {row[0]: row[1] for row in book["Steder"].iter_rows(min_row=2, values_only=True)}
    assert sites == {"H17": "skjult", "Reden": "skjult"}
    book.close()


def test_the_coordinator_sees_every_week(client_as, twelve_contacts):
    html = client_as("coordinator").get(reverse("outreach_followup", args=["exit"])).content.decode()
    weeks = _week_rows(html)
    assert weeks[_date(_monday(21))] == "2"
    assert weeks[_date(_monday(0))] == "10"
    assert 'id="hidden-note"' not in html
