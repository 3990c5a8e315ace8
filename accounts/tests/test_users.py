"""The administrator manages staff users and their roles."""

import re

from django.urls import reverse

from accounts.models import Membership, User


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_administrator_creates_a_user_with_a_strong_password(client_as, world):
    client = client_as("administrator")
    weak = client.post(reverse("user_create"), {"username": "ny", "password": "kort", "is_active": "on"})
    assert weak.status_code == 200 and 'id="error-summary"' in weak.content.decode()
    assert not User.objects.filter(username="ny").exists()
    client.post(reverse("user_create"), {"username": "ny", "first_name": "Nina", "password": "en lang god adgangskode",
                                         "is_active": "on"})
    user = User.objects.get(username="ny")
    assert user.check_password("en lang god adgangskode") and not user.is_demo


def test_a_new_user_needs_a_password_but_an_edit_keeps_the_old_one(client_as, world):
    client = client_as("administrator")
    response = client.post(reverse("user_create"), {"username": "ny", "is_active": "on"})
    assert "En ny bruger skal have en adgangskode" in text(response)
    user = world.users["caseworker_a"]
    client.post(reverse("user_edit", args=[user.pk]), {"username": user.username, "first_name": "Mette"})
    user.refresh_from_db()
    assert user.first_name == "Mette" and not user.is_active
    assert user.check_password("correct horse battery staple")


def test_the_administrator_gives_and_removes_roles(client_as, world):
    client = client_as("administrator")
    user = world.users["outsider"]
    client.post(reverse("user_detail", args=[user.pk]), {
        "user": user.pk, "organisation": world.org_a.pk, "project": world.project.pk, "role": "analyst"})
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.project) == ("analyst", world.project)
    client.post(reverse("membership_delete", args=[membership.pk]))
    assert not Membership.objects.filter(user=user).exists()


def test_project_roles_need_a_project_and_global_roles_have_none(client_as, world):
    client = client_as("administrator")
    user = world.users["outsider"]
    no_project = client.post(reverse("user_detail", args=[user.pk]), {
        "user": user.pk, "organisation": world.org_a.pk, "role": "caseworker"})
    assert "Vælg det projekt, rollen gælder for" in text(no_project)
    with_project = client.post(reverse("user_detail", args=[user.pk]), {
        "user": user.pk, "organisation": world.org_a.pk, "project": world.project.pk, "role": "administrator"})
    assert "Denne rolle hører ikke til et projekt" in text(with_project)
    assert not Membership.objects.filter(user=user).exists()


def test_an_unknown_user_is_404(client_as, world):
    assert client_as("administrator").get(reverse("user_detail", args=[999999])).status_code == 404


def test_a_password_that_is_the_user_name_is_refused_for_a_new_user(client_as, world):
    response = client_as("administrator").post(reverse("user_create"), {
        "username": "sagsbehandler2026", "password": "sagsbehandler2026", "is_active": "on"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert not User.objects.filter(username="sagsbehandler2026").exists()


def test_a_password_that_is_the_user_name_is_refused_when_editing(client_as, world):
    user = User.objects.create_user(username="koordinator.kbh", password="en lang god adgangskode")
    response = client_as("administrator").post(reverse("user_edit", args=[user.pk]), {
        "username": "koordinator.kbh", "password": "Koordinator.KBH 2026", "is_active": "on"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("en lang god adgangskode")


def test_the_validator_refuses_the_user_name_in_any_case_and_spacing():
    import pytest
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = User(username="sagsbehandler2026")
    for password in ("sagsbehandler2026", "SAGSBEHANDLER2026", "sags behandler 2026!",
                     "mit sagsbehandler2026 er et godt og langt kodeord"):
        with pytest.raises(ValidationError):
            validate_password(password, user)
    validate_password("en helt anden lang sætning", user)


def test_the_password_hint_offers_to_keep_a_password_only_where_there_is_one(client_as, world):
    client = client_as("administrator")
    keep = "Lad feltet stå tomt for at beholde den nuværende adgangskode"
    assert keep not in text(client.get(reverse("user_create")))
    assert keep in text(client.get(reverse("user_edit", args=[world.users["caseworker_a"].pk])))
    without = User.objects.create_user(username="uden")  # no password: unusable
    page = text(client.get(reverse("user_edit", args=[without.pk])))
    assert keep not in page and "Brugeren har ingen adgangskode endnu" in page
