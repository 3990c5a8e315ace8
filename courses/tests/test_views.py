"""The course pages: register, record, share; errors shown at the top and at the field."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Consent, Course, InterventionRecord, Referral


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def url(name, world, **kwargs):
    return reverse(name, kwargs={"code": world.course_a.code, **kwargs})


def register_form(world, **data):
    """What the register form posts for caseworker A (one role, so the membership is a hidden field)."""
    membership = world.users["caseworker_a"].memberships.get()
    return {"membership": str(membership.pk), "gender": "woman", "start_date": "2026-11-02", **data}


def share_a_with_b(world):
    return services.record_consent(course=world.course_a, organisation=world.org_b, scope=Consent.Scope.SHARE_COURSE,
                                   given_on=date(2026, 2, 1), by=world.users["caseworker_a"])


# Registering a course


def test_caseworker_registers_a_course_for_their_organisation(client_as, world):
    client = client_as("caseworker_a")
    page = client.get(reverse("course_create")).content.decode()
    membership = re.search(r'name="membership" value="(\d+)"', page).group(1)  # one role: a hidden field
    response = client.post(reverse("course_create"), {
        "membership": membership, "gender": "woman", "age_at_start": "29", "start_date": "2026-11-02",
    }, follow=True)
    course = Course.objects.get(age_at_start=29)
    assert response.redirect_chain[-1][0] == reverse("course_detail", args=[course.code])
    assert (course.project, course.organisation, course.created_by) == (
        world.project, world.org_a, world.users["caseworker_a"])
    assert f"Forløbet {course.code} er oprettet" in text(response)


def test_the_form_offers_every_project_and_organisation_of_the_user(client_as, world):
    from accounts.models import Membership

    user = world.users["caseworker_a"]
    second = Membership.objects.create(user=user, organisation=world.org_b, project=world.project,
                                       role=Membership.Role.CASEWORKER)
    client = client_as("caseworker_a")
    page = client.get(reverse("course_create")).content.decode()
    assert "Exit København · LivaRehab" in page and "Exit København · Reden København" in page
    client.post(reverse("course_create"), {"membership": str(second.pk), "gender": "man", "start_date": "2026-11-02"})
    assert Course.objects.get(gender="man", start_date=date(2026, 11, 2)).organisation == world.org_b


def test_errors_are_summarised_at_the_top_and_shown_at_each_field_and_nothing_is_saved(client_as, world):
    client = client_as("caseworker_a")
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(reverse("course_create"), register_form(world, age_at_start="16", start_date=future))
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[page.index('id="error-summary"') - 200:page.index("</ul>", page.index('id="error-summary"'))]
    assert 'role="alert"' in summary and "Der er et problem" in summary
    assert 'href="#id_start_date"' in summary
    assert "Brobygger er for voksne" in summary
    assert 'id="id_start_date-error"' in page
    start_input = re.search(r'<input[^>]*id="id_start_date"[^>]*>', page).group(0)
    assert 'aria-describedby="id_start_date-error"' in start_input and 'aria-invalid="true"' in start_input
    assert Course.objects.count() == 2


def test_a_cpr_number_is_refused_and_kept_in_the_field_to_correct(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(reverse("course_create"), register_form(world, project_ref="010190-1234"))
    assert response.status_code == 200
    assert "CPR-nummer" in text(response)
    # Issue 17.6: what was typed stays, marked, so nothing else typed is lost; it is never stored.
    assert response.context["form"]["project_ref"].value() == "010190-1234"
    assert Course.objects.count() == 2
    assert not Course.objects.filter(project_ref__contains="010190").exists()


def test_under_18_is_explained(client_as, world):
    response = client_as("caseworker_a").post(reverse("course_create"), register_form(
        world, birth_year=str(timezone.localdate().year - 15)))
    assert "kommunens tilbud for børn og unge" in text(response)
    assert Course.objects.count() == 2


def test_editing_a_course_keeps_its_id(client_as, world):
    code = world.course_a.code
    client_as("caseworker_a").post(url("course_edit", world), {
        "gender": "non_binary", "age_at_start": "35", "start_date": "2026-01-05", "project_ref": "R-7",
    })
    world.course_a.refresh_from_db()
    assert (world.course_a.code, world.course_a.gender, world.course_a.project_ref) == (code, "non_binary", "R-7")


def test_ending_a_course_needs_a_reason_and_a_date_not_before_the_start(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(url("course_end", world), {"end_date": "2025-12-01", "end_reason": ""})
    assert response.status_code == 200
    assert "Slutdatoen kan ikke ligge før forløbets start" in text(response)
    assert 'id="id_end_reason-error"' in response.content.decode()
    world.course_a.refresh_from_db()
    assert world.course_a.is_open
    client.post(url("course_end", world), {"end_date": "2026-06-01", "end_reason": "goal_reached"})
    world.course_a.refresh_from_db()
    assert (world.course_a.end_date, world.course_a.end_reason) == (date(2026, 6, 1), "goal_reached")


def test_the_end_form_proposes_today_as_the_end_date(client_as, world):
    response = client_as("caseworker_a").get(url("course_end", world))
    assert response.context["form"]["end_date"].value() == timezone.localdate()


def test_an_ended_course_offers_no_new_intervention_and_refuses_one_after_its_end(client_as, world):
    client = client_as("caseworker_a")
    add_link = f'href="{url("intervention_add", world)}"'
    assert add_link in client.get(url("course_detail", world)).content.decode()
    client.post(url("course_end", world), {"end_date": "2026-06-01", "end_reason": "goal_reached"})
    assert add_link not in client.get(url("course_detail", world)).content.decode()
    response = client.post(url("intervention_add", world), {"intervention": world.counselling.pk, "date": "2026-06-02"})
    assert "Datoen kan ikke ligge efter forløbets afslutning" in text(response)
    assert not InterventionRecord.objects.exists()
    client.post(url("intervention_add", world), {"intervention": world.counselling.pk, "date": "2026-05-30"})
    assert InterventionRecord.objects.get().date == date(2026, 5, 30)  # a late entry for the time it ran


def test_the_service_refuses_an_intervention_after_the_course_ended(world):
    from django.core.exceptions import ValidationError
    services.update_course(course=world.course_a, by=world.users["caseworker_a"], end_date=date(2026, 6, 1),
                           end_reason="goal_reached")
    with pytest.raises(ValidationError):
        services.record_intervention(course=world.course_a, intervention=world.counselling, organisation=world.org_a,
                                     by=world.users["caseworker_a"], on=date(2026, 6, 2))


# Interventions and referrals


def test_recording_an_intervention_shows_it_on_the_course(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(url("intervention_add", world), {
        "intervention": world.counselling.pk, "date": "2026-02-03", "note": "Samtale om bolig",
    }, follow=True)
    record = InterventionRecord.objects.get()
    assert (record.name, record.organisation, record.date) == ("Rådgivning", world.org_a, date(2026, 2, 3))
    assert "Indsatsen er registreret" in text(response) and "Samtale om bolig" in text(response)


def test_only_active_catalogue_entries_can_be_chosen(client_as, world):
    world.therapy.active = False
    world.therapy.save()
    client = client_as("caseworker_a")
    assert "Individuel terapi" not in client.get(url("intervention_add", world)).content.decode()
    response = client.post(url("intervention_add", world), {"intervention": world.therapy.pk, "date": "2026-02-03"})
    assert response.status_code == 200 and not InterventionRecord.objects.exists()


def test_an_intervention_before_the_start_or_with_an_email_is_refused(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(url("intervention_add", world), {
        "intervention": world.counselling.pk, "date": "2025-12-24", "note": "skriv til anna@example.dk",
    })
    page = text(response)
    assert "Datoen kan ikke ligge før forløbets start" in page
    assert "e-mailadresse" in page
    assert response.context["form"].errors["note"]
    assert not InterventionRecord.objects.exists()


def test_recording_a_referral_and_changing_its_status(client_as, world):
    client = client_as("caseworker_a")
    client.post(url("referral_add", world), {
        "target": "legal_aid", "service_name": "Gadejuristen", "status": "requested", "date": "2026-03-01",
    })
    referral = Referral.objects.get(target="legal_aid")
    assert referral.organisation == world.org_a
    client.post(url("referral_status", world, pk=referral.pk), {"status": "started"})
    referral.refresh_from_db()
    assert referral.status == "started" and referral.status_changed_on == timezone.localdate()


def test_a_referral_of_another_course_is_404(client_as, world):
    other = services.make_referral(course=world.course_b, target="housing", organisation=world.org_b,
                                   by=world.users["caseworker_b"], on=date(2026, 3, 1))
    response = client_as("coordinator").post(url("referral_status", world, pk=other.pk), {"status": "started"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "requested"


# Sharing by consent


def test_caseworker_of_other_organisation_gets_404_until_consent_shares_the_course(client_as, world):
    assert client_as("caseworker_b").get(url("course_detail", world)).status_code == 404
    client = client_as("caseworker_a")
    response = client.post(url("consent_add", world), {
        "organisation": world.org_b.pk, "scope": "share_course", "given_on": "2026-03-01",
    }, follow=True)
    assert "Samtykket er registreret" in text(response)
    client = client_as("caseworker_b")
    assert client.get(url("course_detail", world)).status_code == 200
    assert world.course_a.code in client.get(reverse("course_list")).content.decode()
    # The partner adds to the course on its own behalf but does not manage it.
    client.post(url("intervention_add", world), {"intervention": world.therapy.pk, "date": "2026-03-02"})
    assert InterventionRecord.objects.get().organisation == world.org_b
    for name in ("course_edit", "course_end", "consent_add"):
        assert client.get(url(name, world)).status_code == 404, name


def test_withdrawing_consent_takes_access_away_at_once(client_as, world):
    consent = share_a_with_b(world)
    assert client_as("caseworker_b").get(url("course_detail", world)).status_code == 200
    client_as("caseworker_a").post(url("consent_withdraw", world, pk=consent.pk))
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert client_as("caseworker_b").get(url("course_detail", world)).status_code == 404


def test_a_partner_cannot_withdraw_a_consent(client_as, world):
    consent = share_a_with_b(world)
    assert client_as("caseworker_b").post(url("consent_withdraw", world, pk=consent.pk)).status_code == 404
    consent.refresh_from_db()
    assert consent.is_active


def test_consent_can_only_name_partners_of_the_project(client_as, world):
    response = client_as("caseworker_a").post(url("consent_add", world), {
        "organisation": world.national.pk, "scope": "share_course", "given_on": "2026-03-01",
    })
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert not Consent.objects.filter(organisation=world.national).exists()


# The list


@pytest.fixture
def listed(world):
    services.update_course(course=world.course_b, by=world.users["caseworker_b"], end_date=date(2026, 5, 1),
                           end_reason="moved")
    services.record_intervention(course=world.course_a, intervention=world.therapy, organisation=world.org_a,
                                 by=world.users["caseworker_a"], on=date(2026, 2, 1))
    return world


@pytest.mark.parametrize("query, expected", [
    ("", {"a", "b"}),
    ("?status=open", {"a"}),
    ("?status=ended", {"b"}),
    ("?status=attention", {"a"}),
    ("?organisation={org_b}", {"b"}),
    ("?intervention={therapy}", {"a"}),
    ("?q={code_a}", {"a"}),
])
def test_the_coordinator_filters_the_list(client_as, listed, query, expected):
    codes = {"a": listed.course_a.code, "b": listed.course_b.code}
    query = query.format(org_b=listed.org_b.pk, therapy=listed.therapy.pk, code_a=codes["a"][-4:])
    page = client_as("coordinator").get(reverse("course_list") + query).content.decode()
    assert {key for key, code in codes.items() if code in page} == expected


def test_the_list_shows_what_needs_attention(client_as, world):
    page = text(client_as("caseworker_a").get(reverse("course_list")))
    assert "en henvisning har ventet" in page


def test_an_unknown_course_id_is_404_like_a_forbidden_one(client_as, world):
    client = client_as("caseworker_b")
    unknown = client.get(reverse("course_detail", args=["KBH-ZZZZ"]))
    forbidden = client.get(url("course_detail", world))
    assert unknown.status_code == forbidden.status_code == 404
    assert text(unknown) == text(forbidden)


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["course_list", "course_detail", "home"])
def test_pages_do_not_make_more_queries_for_more_courses(client_as, world, name):
    client = client_as("coordinator")
    path = reverse(name, args=[world.course_a.code] if name == "course_detail" else [])
    before = count_queries(client, path)
    for i in range(15):
        course = services.register_course(project=world.project, organisation=world.org_b, by=world.users["caseworker_b"],
                                          start_date=date(2026, 1, 1) + timedelta(days=i), age_at_start=30)
        services.record_intervention(course=course, intervention=world.therapy, organisation=world.org_b,
                                     by=world.users["caseworker_b"], on=date(2026, 3, 1))
        services.make_referral(course=world.course_a, target="health", organisation=world.org_a,
                               by=world.users["caseworker_a"], on=date(2026, 3, 1))
        services.record_intervention(course=world.course_a, intervention=world.therapy, organisation=world.org_a,
                                     by=world.users["caseworker_a"], on=date(2026, 3, 1))
    assert count_queries(client, path) == before


def test_the_projects_own_id_twice_is_explained_and_not_saved(client_as, world):
    client = client_as("caseworker_a")
    client.post(reverse("course_create"), register_form(world, project_ref="EXIT-9"))
    response = client.post(reverse("course_create"), register_form(world, project_ref="EXIT-9"))
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert "Et andet forløb i projektet har allerede dette id" in text(response)
    assert 'id="id_project_ref-error"' in response.content.decode()
    assert Course.objects.filter(project_ref="EXIT-9").count() == 1


def test_the_referral_target_is_one_choice_a_directory_service_whose_kind_follows(client_as, world):
    client = client_as("caseworker_a")
    form = client.get(url("referral_add", world)).context["form"]
    assert list(form.fields)[:3] == ["directory_service", "service_name", "target"]  # the directory first
    response = client.post(url("referral_add", world), {
        "directory_service": world.service.pk, "status": "requested", "date": "2026-03-01",
    })
    assert response.status_code == 302
    referral = Referral.objects.get(directory_service=world.service)
    assert (referral.target, referral.service_name) == (world.service.kind, world.service.name)


def test_a_service_not_in_the_directory_is_a_name_and_its_kind(client_as, world):
    client = client_as("caseworker_a")
    base = {"status": "requested", "date": "2026-03-01"}
    before = Referral.objects.count()
    nothing = client.post(url("referral_add", world), base)
    assert nothing.context["form"].errors["directory_service"]
    both = client.post(url("referral_add", world), {**base, "directory_service": world.service.pk,
                                                     "service_name": "Gadejuristen"})
    assert both.context["form"].errors["service_name"]
    no_kind = client.post(url("referral_add", world), {**base, "service_name": "Gadejuristen"})
    assert "Vælg slags tilbud" in text(no_kind)
    assert Referral.objects.count() == before
    client.post(url("referral_add", world), {**base, "service_name": "Gadejuristen", "target": "legal_aid"})
    referral = Referral.objects.get(service_name="Gadejuristen")
    assert (referral.target, referral.directory_service) == ("legal_aid", None)


def test_the_consent_form_says_what_the_citizen_agrees_to(client_as, world):
    page = text(client_as("caseworker_a").get(url("consent_add", world)))
    assert "Samarbejdspartner, borgeren giver samtykke til" in page
    assert "Delt med" not in page
