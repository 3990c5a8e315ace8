"""The coordinator manages the project's catalogue, sites and members; nobody else does."""

import re
from datetime import date

from django.urls import reverse

from accounts.models import Membership, User
from courses import services
from courses.models import InterventionRecord
from projects.models import Intervention, Organisation, Site


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_renaming_a_catalogue_entry_keeps_the_name_earlier_records_were_made_under(client_as, world):
    services.record_intervention(course=world.course_a, intervention=world.counselling, organisation=world.org_a,
                                 by=world.users["caseworker_a"], on=date(2026, 2, 1))
    client = client_as("coordinator")
    response = client.post(reverse("intervention_edit", args=[world.project.slug, world.counselling.pk]),
                           {"name": "Rådgivning og vejledning", "description": "", "active": "on"}, follow=True)
    assert "Kataloget er gemt" in text(response)
    world.counselling.refresh_from_db()
    assert world.counselling.name == "Rådgivning og vejledning"
    assert InterventionRecord.objects.get().name == "Rådgivning"
    # The catalogue counts how often each entry was recorded.
    row = re.search(r"Rådgivning og vejledning.*?</tr>", response.content.decode(), re.S).group(0)
    assert re.search(r">\s*1\s*</td>", row)
    # The course page shows the name it was recorded under.
    page = client.get(reverse("course_detail", args=[world.course_a.code])).content.decode()
    assert "<td data-title=\"Indsats\">Rådgivning</td>" in page


def test_the_coordinator_adds_and_retires_catalogue_entries(client_as, world):
    client = client_as("coordinator")
    client.post(reverse("intervention_create", args=[world.project.slug]),
                {"name": "Bisidning", "description": "Følgeskab til møder", "active": "on"})
    new = Intervention.objects.get(name="Bisidning")
    assert new.project == world.project and new.active
    client.post(reverse("intervention_edit", args=[world.project.slug, new.pk]), {"name": "Bisidning"})
    new.refresh_from_db()
    assert not new.active


def test_a_catalogue_name_is_unique_within_the_project(client_as, world):
    response = client_as("coordinator").post(reverse("intervention_create", args=[world.project.slug]),
                                             {"name": "Rådgivning", "active": "on"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert "Kataloget har allerede en indsats med det navn" in text(response)
    assert Intervention.objects.filter(project=world.project, name="Rådgivning").count() == 1


def test_a_description_with_a_phone_number_is_refused(client_as, world):
    response = client_as("coordinator").post(reverse("intervention_create", args=[world.project.slug]),
                                             {"name": "Ny", "description": "ring 12345678", "active": "on"})
    assert "telefonnummer" in text(response)
    assert not Intervention.objects.filter(name="Ny").exists()


def test_an_entry_of_another_project_is_404(client_as, world):
    foreign = Intervention.objects.create(project=world.other_project, name="Rådgivning")
    response = client_as("coordinator").get(reverse("intervention_edit", args=[world.project.slug, foreign.pk]))
    assert response.status_code == 404


def test_the_coordinator_manages_sites(client_as, world):
    client = client_as("coordinator")
    client.post(reverse("site_create", args=[world.project.slug]), {"name": "Online", "active": "on"})
    assert Site.objects.filter(project=world.project, name="Online").exists()
    client.post(reverse("site_edit", args=[world.project.slug, world.site.pk]), {"name": "H17"})
    world.site.refresh_from_db()
    assert not world.site.active
    assert "Online" in text(client.get(reverse("site_list", args=[world.project.slug])))


def test_the_coordinator_adds_and_removes_members_of_the_project(client_as, world):
    client = client_as("coordinator")
    outsider = world.users["outsider"]
    response = client.post(reverse("member_list", args=[world.project.slug]), {
        "user": outsider.pk, "organisation": world.org_b.pk, "role": "caseworker",
    }, follow=True)
    assert "Medlemmet er tilføjet" in text(response)
    membership = Membership.objects.get(user=outsider)
    assert (membership.project, membership.organisation, membership.role) == (world.project, world.org_b, "caseworker")
    client.post(reverse("member_remove", args=[world.project.slug, membership.pk]))
    assert not Membership.objects.filter(user=outsider).exists()


def test_the_coordinator_chooses_among_the_projects_staff_and_new_users_only(client_as, world):
    elsewhere = Organisation.objects.create(name="Kommunen i Aarhus", kind="municipal")
    stranger = User.objects.create_user("aarhus-caseworker", password="correct horse battery staple")
    Membership.objects.create(user=stranger, organisation=elsewhere, project=world.other_project, role="caseworker")
    page = client_as("coordinator").get(reverse("member_list", args=[world.project.slug])).content.decode()
    options = re.search(r'<select name="user".*?</select>', page, re.S).group(0)
    assert "aarhus-caseworker" not in options
    assert "outsider" in options and "caseworker_b" in options  # a new user, and one of a partner

    response = client_as("coordinator").post(reverse("member_list", args=[world.project.slug]), {
        "user": stranger.pk, "organisation": world.org_b.pk, "role": "caseworker"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert not Membership.objects.filter(user=stranger, project=world.project).exists()


def test_the_coordinator_cannot_give_global_roles_or_use_outside_organisations(client_as, world):
    client = client_as("coordinator")
    outsider = world.users["outsider"]
    for data in ({"organisation": world.org_b.pk, "role": "administrator"},
                 {"organisation": world.national.pk, "role": "caseworker"}):
        response = client.post(reverse("member_list", args=[world.project.slug]), {"user": outsider.pk, **data})
        assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert not Membership.objects.filter(user=outsider).exists()


def test_a_member_of_another_project_cannot_be_removed_through_this_one(client_as, world):
    other = Membership.objects.create(user=world.users["outsider"], organisation=world.national,
                                      project=world.other_project, role=Membership.Role.CASEWORKER)
    response = client_as("coordinator").post(reverse("member_remove", args=[world.project.slug, other.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_project_page_shows_course_counts_to_course_roles_only(client_as, world):
    url = reverse("project_detail", args=[world.project.slug])
    assert "forløb i alt" in text(client_as("coordinator").get(url))
    analyst_page = text(client_as("analyst").get(url))
    assert "forløb i alt" not in analyst_page and world.course_a.code not in analyst_page


def test_the_project_list_shows_only_the_users_projects(client_as, world):
    assert "Exit Aarhus" not in text(client_as("coordinator").get(reverse("project_list")))
    assert "Exit København" not in text(client_as("outsider").get(reverse("project_list")))


def test_a_site_name_is_unique_within_the_project(client_as, world):
    response = client_as("coordinator").post(reverse("site_create", args=[world.project.slug]),
                                             {"name": "h17", "active": "on"})
    assert "Projektet har allerede et sted med det navn" in text(response)
    assert Site.objects.filter(project=world.project).count() == 1


def test_adding_a_member_twice_is_explained_not_an_error_page(client_as, world):
    response = client_as("coordinator").post(reverse("member_list", args=[world.project.slug]), {
        "user": world.users["caseworker_a"].pk, "organisation": world.org_a.pk, "role": "caseworker",
    })
    assert response.status_code == 200
    assert "Brugeren har allerede denne rolle" in text(response)
    assert Membership.objects.filter(user=world.users["caseworker_a"]).count() == 1
