import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from audit.models import AccessEvent
from brobygger.tests.pdf_facts import pdf_text, read_pdf
from courses import services as courses
from courses.models import Course, InterventionRecord, Referral
from reports.selectors import project_report
from rights.models import RetainedCount
from wellbeing.models import Who5Response


@pytest.fixture
def ended(world):
    """course_b ended in 2019, so it is past the project's five years; it has an intervention and answers."""
    course = world.course_b
    Course.objects.filter(pk=course.pk).update(start_date=date(2018, 3, 1), end_date=date(2019, 6, 30),
                                               end_reason="goal_reached")
    course.refresh_from_db()
    courses.record_intervention(course=course, intervention=world.counselling, organisation=world.org_b,
                                by=world.users["caseworker_b"], on=date(2018, 4, 2))
    Who5Response.objects.create(course=course, answered_on=date(2018, 3, 1), item1=3, item2=3, item3=2, item4=2,
                                item5=1, mode="alone")
    return course


def test_dry_run_lists_but_deletes_nothing(world, ended):
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", "--today", "2026-11-30", stdout=out)
    assert f"would delete {ended.code}" in out.getvalue()
    assert world.course_a.code not in out.getvalue()
    assert Course.objects.filter(pk=ended.pk).exists()
    assert not RetainedCount.objects.exists()


def test_retention_deletes_the_expired_course_and_the_totals_stay_the_same(world, ended):
    before = project_report(world.project, date(2026, 10, 31))
    assert before["citizens"] == 2  # the ended course is in it, so there is something to keep
    call_command("apply_retention", "--today", "2026-11-30", stdout=io.StringIO())
    assert not Course.objects.filter(pk=ended.pk).exists()
    assert not InterventionRecord.objects.filter(course_id=ended.pk).exists()
    assert not Who5Response.objects.filter(course_id=ended.pk).exists()
    assert Course.objects.filter(pk=world.course_a.pk).exists()
    assert project_report(world.project, date(2026, 10, 31)) == before
    assert RetainedCount.objects.get(project=world.project, measure="who5_answer", ended__isnull=True).total == 44
    assert AccessEvent.objects.filter(action="retention", course_code=ended.code).exists()


def test_retention_respects_the_projects_own_period(world, ended):
    world.project.retention_years = 10
    world.project.save()
    call_command("apply_retention", "--today", "2026-11-30", stdout=io.StringIO())
    assert Course.objects.filter(pk=ended.pk).exists()


def test_an_open_course_is_never_deleted(world):
    out = io.StringIO()
    call_command("apply_retention", "--today", "2099-01-01", "--dry-run", stdout=out)
    assert "would delete 0 course(s)" in out.getvalue()


def test_retained_counts_add_up_over_two_runs(world, ended):
    call_command("apply_retention", "--today", "2026-11-30", stdout=io.StringIO())
    Course.objects.filter(pk=world.course_a.pk).update(start_date=date(2018, 3, 5), end_date=date(2019, 1, 1))
    before = project_report(world.project, date(2019, 12, 31))  # one course kept as figures, one still there
    assert before["citizens"] == 2
    call_command("apply_retention", "--today", "2026-11-30", stdout=io.StringIO())
    assert not Course.objects.exists()
    assert project_report(world.project, date(2019, 12, 31)) == before
    assert RetainedCount.objects.get(project=world.project, measure="citizens", month=date(2018, 3, 1),
                                     ended__isnull=True).count == 2


def test_referral_passing_information_on_needs_consent(world):
    # course_b has no consent to pass information on.
    with pytest.raises(ValidationError):
        courses.make_referral(course=world.course_b, target="housing", organisation=world.org_b,
                              by=world.users["caseworker_b"], on=date(2026, 3, 1), shared_with=world.org_a)
    assert not Referral.objects.filter(course=world.course_b).exists()
    # course_a's citizen consented on 10 January 2026 to information going to organisation B.
    courses.make_referral(course=world.course_a, target="housing", organisation=world.org_a,
                          by=world.users["caseworker_a"], on=date(2026, 3, 1), shared_with=world.org_b)


def test_withdrawn_consent_blocks_the_referral_at_once(world):
    courses.withdraw_consent(consent=world.consent_a, by=world.users["caseworker_a"], on=date(2026, 2, 1))
    with pytest.raises(ValidationError):
        courses.make_referral(course=world.course_a, target="housing", organisation=world.org_a,
                              by=world.users["caseworker_a"], on=date(2026, 3, 1), shared_with=world.org_b)


def test_the_referral_form_refuses_without_consent(client_as, world):
    client = client_as("caseworker_b")
    response = client.post(reverse("referral_add", args=[world.course_b.code]), {
        "target": "housing", "service_name": "Boligsocialt tilbud", "status": "requested", "date": "2026-03-01", "shared_with": world.org_a.pk,
    })
    assert response.status_code == 200
    assert not Referral.objects.filter(course=world.course_b).exists()


def test_access_request_pdf_holds_the_course_and_the_lookups_without_staff_names(client_as, world):
    client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code]))
    client = client_as("coordinator")
    page = client.get(reverse("rights_course", args=[world.course_a.code])).content.decode()
    assert "Reden København" in page and "caseworker_a" not in page.split("<main")[1]
    response = client.get(reverse("rights_access_pdf", args=[world.course_a.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    lines = pdf_text(response.content).splitlines()
    code = world.course_a.code
    for line in (f"Forløbs-id {code}", "Ansvarlig organisation Reden København", "Alder ved start 34",
                 "10.01.2026 Misbrugsbehandling Anmodet Ingen oplysninger videregivet"):
        assert line in lines
    # caseworker_a's look at the course is listed with the organisation only.
    assert any(line.endswith(" Så Reden København") for line in lines)
    assert "caseworker_a" not in " ".join(lines)
    assert AccessEvent.objects.filter(action="access_request", course_code=world.course_a.code).exists()
    pdf = read_pdf(response.content)  # the PDFs' one renderer: tagged PDF/UA in the one font
    assert (pdf.lang, pdf.title) == ("da", f"Indsigt: {code}")
    assert pdf.marked and pdf.has_structure and pdf.ua_part == "1"
    assert pdf.fonts == {"IBM-Plex-Sans", "IBM-Plex-Sans-Semi-Bold"}
    assert pdf.smallest_text >= 8


def test_erasure_needs_the_id_typed_and_keeps_counts(client_as, world):
    client = client_as("coordinator")
    before = project_report(world.project, date(2026, 11, 30))
    url = reverse("rights_erase", args=[world.course_a.code])
    assert client.post(url, {"confirm": "KBH-WRONG"}).status_code == 200
    assert Course.objects.filter(pk=world.course_a.pk).exists()
    response = client.post(url, {"confirm": world.course_a.code.lower()})
    assert response.status_code == 302
    assert not Course.objects.filter(pk=world.course_a.pk).exists()
    assert project_report(world.project, date(2026, 11, 30)) == before
    event = AccessEvent.objects.get(action="erasure", course_code=world.course_a.code)
    assert event.username == "coordinator"


def test_finding_a_course_puts_the_id_in_the_path_not_the_query(client_as, world):
    response = client_as("coordinator").post(reverse("rights_home"), {"code": world.course_a.code.lower()})
    assert response["Location"] == reverse("rights_course", args=[world.course_a.code])
