"""The administrator manages organisations and projects, and sees no course content."""

import re

from django.urls import reverse

from projects.models import Organisation, Project


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def project_form(world, **data):
    return {"name": "Exit Odense", "slug": "exit-odense", "code_prefix": "ode", "start_date": "2026-01-01",
            "end_date": "2026-12-31", "lead_organisation": world.lead.pk, "partners": [world.org_a.pk],
            "description": "", "who5_interval_months": "2", "retention_years": "5", **data}


def test_the_administrator_creates_a_project(client_as, world):
    response = client_as("administrator").post(reverse("admin_project_create"), project_form(world), follow=True)
    assert "Projektet er gemt" in text(response)
    project = Project.objects.get(slug="exit-odense")
    assert project.code_prefix == "ODE"
    assert set(project.organisations()) == {world.lead, world.org_a}


def test_a_project_ending_before_it_starts_or_with_a_bad_prefix_is_refused(client_as, world):
    response = client_as("administrator").post(reverse("admin_project_create"), project_form(
        world, end_date="2025-12-31", code_prefix="K1"))
    page = text(response)
    assert "Slutdatoen kan ikke ligge før startdatoen" in page and "Brug 2-4 bogstaver A-Z" in page
    assert not Project.objects.filter(slug="exit-odense").exists()


def test_the_administrator_creates_and_renames_organisations(client_as, world):
    client = client_as("administrator")
    client.post(reverse("organisation_create"), {"name": "Kompasset", "kind": "ngo"})
    organisation = Organisation.objects.get(name="Kompasset")
    client.post(reverse("organisation_edit", args=[organisation.pk]), {"name": "Kirkens Korshær", "kind": "ngo"})
    organisation.refresh_from_db()
    assert organisation.name == "Kirkens Korshær"
    response = client.post(reverse("organisation_create"), {"name": "LivaRehab", "kind": "ngo"})
    assert 'id="error-summary"' in response.content.decode()
    assert Organisation.objects.filter(name="LivaRehab").count() == 1


def test_the_administrator_sees_no_course_content(client_as, world):
    client = client_as("administrator")
    assert client.get(reverse("course_list")).status_code == 404
    assert client.get(reverse("course_detail", args=[world.course_a.code])).status_code == 404
    home = text(client.get(reverse("home")))
    assert world.course_a.code not in home
    menu = client.get(reverse("home")).content.decode()
    assert reverse("organisation_list") in menu and reverse("course_list") not in menu
