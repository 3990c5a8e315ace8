"""Nobody gives themselves course access, and every role given or taken away is in the access log."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Membership
from audit.models import AccessEvent


def grant_form(world, user, role, project=True):
    data = {"user": user.pk, "organisation": world.org_a.pk, "role": role}
    if project:
        data["project"] = world.project.pk
    return data


@pytest.mark.parametrize("role", ["coordinator", "caseworker"])
def test_the_administrator_cannot_give_themselves_a_role_that_opens_courses(client_as, world, role):
    admin = world.users["administrator"]
    response = client_as("administrator").post(reverse("user_detail", args=[admin.pk]), grant_form(world, admin, role))
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert not Membership.objects.filter(user=admin, role=role).exists()
    # And so the administrator still opens no course.
    assert client_as("administrator").get(reverse("course_detail", args=[world.course_a.code])).status_code == 404


def test_the_administrator_may_give_themselves_a_role_without_courses(client_as, world):
    admin = world.users["administrator"]
    client_as("administrator").post(reverse("user_detail", args=[admin.pk]), grant_form(world, admin, "analyst"))
    assert Membership.objects.filter(user=admin, role="analyst", project=world.project).exists()


def test_the_administrator_still_gives_course_roles_to_others(client_as, world):
    outsider = world.users["outsider"]
    client_as("administrator").post(reverse("user_detail", args=[outsider.pk]),
                                    grant_form(world, outsider, "coordinator"))
    assert Membership.objects.filter(user=outsider, role="coordinator", project=world.project).exists()


def test_a_coordinator_cannot_add_themselves_with_a_course_role_either(client_as, world):
    coordinator = world.users["coordinator"]
    response = client_as("coordinator").post(reverse("member_list", args=[world.project.slug]), {
        "user": coordinator.pk, "organisation": world.org_a.pk, "role": "caseworker"})
    assert response.status_code == 200
    assert not Membership.objects.filter(user=coordinator, role="caseworker").exists()


def test_the_service_refuses_a_self_grant_whoever_calls_it(world):
    admin = world.users["administrator"]
    with pytest.raises(ValidationError):
        services.grant_role(by=admin, user=admin, organisation=world.org_a, project=world.project,
                            role=Membership.Role.COORDINATOR)
    assert not Membership.objects.filter(user=admin, role="coordinator").exists()


def test_a_role_given_is_logged_with_role_project_and_organisation(client_as, world):
    outsider = world.users["outsider"]
    client_as("administrator").post(reverse("user_detail", args=[outsider.pk]),
                                    grant_form(world, outsider, "coordinator"))
    event = AccessEvent.objects.get(detail__startswith="role granted")
    assert event.user_id == world.users["administrator"].pk
    assert event.project_id == world.project.pk
    assert event.detail == (
        f"role granted: coordinator; to: outsider (#{outsider.pk}); "
        f"organisation: Reden København (#{world.org_a.pk}); project: exit (#{world.project.pk})"
    )


def test_a_global_role_given_is_logged_without_a_project(client_as, world):
    outsider = world.users["outsider"]
    client_as("administrator").post(reverse("user_detail", args=[outsider.pk]),
                                    grant_form(world, outsider, "learner", project=False))
    event = AccessEvent.objects.get(detail__startswith="role granted")
    assert event.project_id is None
    assert event.detail.endswith("project: all projects")


def test_a_member_added_by_the_coordinator_is_logged(client_as, world):
    outsider = world.users["outsider"]
    client_as("coordinator").post(reverse("member_list", args=[world.project.slug]), {
        "user": outsider.pk, "organisation": world.org_b.pk, "role": "caseworker"})
    event = AccessEvent.objects.get(detail__startswith="role granted")
    assert event.user_id == world.users["coordinator"].pk
    assert event.project_id == world.project.pk
    assert f"organisation: LivaRehab (#{world.org_b.pk})" in event.detail


def test_removing_a_role_is_logged_too(client_as, world):
    membership = world.membership_outreach
    client_as("administrator").post(reverse("membership_delete", args=[membership.pk]))
    event = AccessEvent.objects.get(detail__startswith="role removed")
    assert event.project_id == world.project.pk
    assert event.detail == (
        f"role removed: outreach; to: outreach (#{membership.user_id}); "
        f"organisation: Kommunen, Hjemløseenheden (#{world.lead.pk}); project: exit (#{world.project.pk})"
    )


def test_a_member_removed_by_the_coordinator_is_logged(client_as, world):
    membership = Membership.objects.get(user=world.users["caseworker_b"])
    client_as("coordinator").post(reverse("member_remove", args=[world.project.slug, membership.pk]))
    assert AccessEvent.objects.filter(detail__startswith="role removed: caseworker; to: caseworker_b").count() == 1
