"""Issue 14 point 2, export side: text already stored with control characters (Word's vertical
tab, escape, bell) must not break any export. The input side refuses them today, but rows saved
before that, or by a shell or an old import, are still in the database."""

import io
import json
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services as courses
from courses.models import Referral
from outreach import services as outreach
from outreach.models import GroupActivity, Topic
from projects.models import Intervention, Site

NAMES = {
    "site": "H17\x0bNord",
    "intervention": "Rådgivning\x1b[31m",
    "topic": "Bolig\x07",
    "place": "SIO\x0b2. sal",
    "service": "Jobcenter\x0bNord",
}
# By the one rule of brobygger.text: Word's line break (\x0b) is a line break, the rest goes.
CLEAN = {
    "site": "H17\nNord",
    "intervention": "Rådgivning[31m",
    "topic": "Bolig",
    "place": "SIO\n2. sal",
    "service": "Jobcenter\nNord",
}


@pytest.fixture
def stored(world):
    """Control characters written straight to the rows (queryset updates skip every validator)."""
    courses.record_intervention(course=world.course_a, intervention=world.counselling, organisation=world.org_a,
                                by=world.users["caseworker_a"], on=date(2026, 1, 6))
    topic = Topic.objects.filter(project=world.project).order_by("order").first()
    outreach.log_contact(project=world.project, organisation=world.lead, by=world.users["outreach"], site=world.site,
                         at=timezone.now(), topics=[topic])
    activity = outreach.record_activity(project=world.project, by=world.users["outreach"], kind="business_course",
                                        on=timezone.localdate(), place="SIO", organiser=world.org_a, topic="CVR",
                                        attendance=9)
    Site.objects.filter(pk=world.site.pk).update(name=NAMES["site"])
    Intervention.objects.filter(pk=world.counselling.pk).update(name=NAMES["intervention"])
    Topic.objects.filter(pk=topic.pk).update(name=NAMES["topic"])
    GroupActivity.objects.filter(pk=activity.pk).update(place=NAMES["place"])
    Referral.objects.filter(pk=world.referral_a.pk).update(target="other", service_name=NAMES["service"])
    return world


def cells(content):
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    values = {v for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row}
    book.close()
    return values


@pytest.mark.parametrize("role", ["coordinator", "analyst"])
def test_the_report_excel_pdf_and_json_answer_and_drop_the_control_characters(stored, client_as, role):
    client = client_as(role)
    xlsx = client.get(reverse("project_report_xlsx", args=[stored.project.slug]))
    assert xlsx.status_code == 200
    assert CLEAN["intervention"] in cells(xlsx.content)
    assert client.get(reverse("project_report_pdf", args=[stored.project.slug])).status_code == 200
    report = json.loads(client.get(reverse("project_report_json", args=[stored.project.slug])).content)
    assert NAMES["intervention"] in report["citizens_per_intervention"]  # JSON escapes them: the data as stored


def exported(client, world, kind, query=""):
    """Ask for an export (to an organisation of the project: ready at once) and fetch its file."""
    asked = client.post(reverse("release_new", args=[world.project.slug]) + f"?kind={kind}{query}", {
        "kind": kind, "recipient_kind": "organisation", "recipient_organisation": world.org_a.pk,
        "purpose": "evaluation", "purpose_text": "Evaluering"})
    assert asked.status_code == 302
    response = client.get(asked["Location"] + "download/")
    assert response.status_code == 200
    return response


def test_the_registration_export_answers_and_drops_the_control_characters(stored, client_as):
    response = exported(client_as("coordinator"), stored, "registrations")
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert CLEAN["intervention"] in rows[0]
    assert CLEAN["service"] in {row[6] for row in rows[1:]}


@pytest.mark.parametrize("role", ["outreach", "coordinator", "analyst"])
def test_the_outreach_follow_up_excel_answers_and_drops_the_control_characters(stored, client_as, role):
    response = client_as(role).get(reverse("outreach_followup_export", args=[stored.project.slug]))
    assert response.status_code == 200
    values = cells(response.content)
    assert {CLEAN["site"], CLEAN["topic"]} <= values
    assert CLEAN["place"] not in values  # the business courses' rows are not in the free file


def test_the_outreach_export_with_the_business_courses_drops_the_control_characters(stored, client_as):
    values = cells(exported(client_as("coordinator"), stored, "outreach_followup").content)
    assert {CLEAN["place"], CLEAN["site"], CLEAN["topic"]} <= values
