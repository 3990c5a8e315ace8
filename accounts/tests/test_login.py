"""Signing in and out. (The second factor is the signin app's; these hold for any sign-in.)"""

import re

from django.urls import reverse


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_every_page_but_the_public_ones_asks_anonymous_visitors_to_sign_in(client, world):
    response = client.get(reverse("course_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_the_login_page_is_danish(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    page = text(response)
    assert "Log ind i Brobygger" in page and "Brugernavn" in page and "Adgangskode" in page
    assert '<html lang="da"' in response.content.decode()


def test_a_wrong_password_is_refused_with_an_error_summary(client, world):
    response = client.post(reverse("login"), {"username": "caseworker_a", "password": "wrong password"})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_leaves_the_login_page(client, world):
    response = client.post(reverse("login"), {"username": "caseworker_a", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("login"))


def test_a_deactivated_user_cannot_sign_in(client, world):
    user = world.users["caseworker_a"]
    user.is_active = False
    user.save()
    response = client.post(reverse("login"), {"username": "caseworker_a", "password": "correct horse battery staple"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signing_out_is_a_post_and_ends_the_session(client_as, world):
    client = client_as("caseworker_a")
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("course_list")).status_code == 302


def test_pages_are_never_cached(client_as, world):
    response = client_as("caseworker_a").get(reverse("course_list"))
    assert "no-store" in response["Cache-Control"]
