import time

import pyotp
import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse

from signin import services
from signin.models import SignInSession, TOTPDevice

PASSWORD = "correct horse battery staple"


def password_step(client, username, password=PASSWORD, next_url=""):
    return client.post(reverse("login"), {"username": username, "password": password, "next": next_url})


def signed_in_user(client):
    return client.get(reverse("home")).wsgi_request.user


def test_password_alone_does_not_sign_in(client, enrolled):
    response = password_step(client, "caseworker_a")
    assert response.status_code == 302 and response["Location"] == reverse("signin_verify")
    assert not signed_in_user(client).is_authenticated
    assert client.get(reverse("course_list")).status_code == 302


def test_password_and_totp_sign_in_and_change_the_session_key(client, enrolled):
    password_step(client, "caseworker_a", next_url=reverse("course_list"))
    key_before = client.session.session_key
    response = client.post(reverse("signin_verify"), {"code": enrolled.now()})
    assert response.status_code == 302 and response["Location"] == reverse("course_list")
    assert signed_in_user(client).username == "caseworker_a"
    assert client.session.session_key != key_before


def test_next_to_another_site_is_ignored(client, enrolled):
    password_step(client, "caseworker_a", next_url="https://evil.example/")
    response = client.post(reverse("signin_verify"), {"code": enrolled.now()})
    assert response["Location"] == reverse("home")


def test_wrong_totp_code_is_refused(client, enrolled):
    password_step(client, "caseworker_a")
    wrong = "000000" if enrolled.now() != "000000" else "111111"
    response = client.post(reverse("signin_verify"), {"code": wrong})
    assert response.status_code == 200
    assert "ikke rigtig" in response.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_a_totp_code_works_once(client, world, enrolled):
    user = world.users["caseworker_a"]
    code = enrolled.now()
    assert services.verify_totp(user, code)
    assert not services.verify_totp(user, code)


def test_an_older_code_after_a_newer_one_is_refused(world, enrolled):
    user = world.users["caseworker_a"]
    now = time.time()
    assert services.verify_totp(user, enrolled.at(now), now=now)
    assert not services.verify_totp(user, enrolled.at(now - 30), now=now)


def test_a_code_from_five_minutes_ago_is_refused(world, enrolled):
    now = time.time()  # one reading of the clock for the code and the check
    assert not services.verify_totp(world.users["caseworker_a"], enrolled.at(now - 300), now=now)


def test_recovery_code_signs_in_once(client, world, enrolled):
    codes = services.new_recovery_codes(world.users["caseworker_a"])
    password_step(client, "caseworker_a")
    response = client.post(reverse("signin_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert signed_in_user(client).is_authenticated
    assert services.remaining_recovery_codes(world.users["caseworker_a"]) == 9
    client.logout()
    password_step(client, "caseworker_a")
    response = client.post(reverse("signin_verify"), {"code": codes[0]})
    assert response.status_code == 200
    assert not signed_in_user(client).is_authenticated


def test_first_sign_in_enrols_the_authenticator_and_shows_recovery_codes(client, world):
    response = password_step(client, "caseworker_b")
    assert response["Location"] == reverse("signin_enrol")
    page = client.get(reverse("signin_enrol"))
    assert page.status_code == 200 and b"data:image/svg+xml" in page.content
    device = TOTPDevice.objects.get(user=world.users["caseworker_b"])
    assert not device.confirmed
    assert not signed_in_user(client).is_authenticated
    response = client.post(reverse("signin_enrol"), {"code": pyotp.TOTP(device.secret).now()})
    assert response["Location"] == reverse("signin_recovery_codes")
    codes_page = client.get(reverse("signin_recovery_codes")).content.decode()
    assert codes_page.count('<code class="code">') == 10
    # Shown only once.
    assert client.get(reverse("signin_recovery_codes")).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert signed_in_user(client).username == "caseworker_b"


def test_enrolment_with_a_wrong_code_does_not_sign_in(client, world):
    password_step(client, "caseworker_b")
    client.get(reverse("signin_enrol"))
    client.post(reverse("signin_enrol"), {"code": "12345"})
    assert not signed_in_user(client).is_authenticated
    assert not services.has_second_factor(world.users["caseworker_b"])


def test_the_second_step_expires_after_five_minutes(client, enrolled):
    password_step(client, "caseworker_a")
    session = client.session
    session[services.PENDING_KEY]["at"] -= services.PENDING_SECONDS + 1
    session.save()
    response = client.post(reverse("signin_verify"), {"code": enrolled.now()})
    assert response["Location"] == reverse("login")
    assert not signed_in_user(client).is_authenticated


# Failed sign-ins and waits: test_lockout.py.


def test_demo_user_skips_second_factor_only_on_a_demo_server(client, world):
    user = world.users["caseworker_a"]
    user.is_demo = True
    user.save()
    with override_settings(DEBUG=True, DEMO_MODE=True):
        assert password_step(client, "caseworker_a")["Location"] == reverse("home")
        assert signed_in_user(client).is_authenticated
    client.logout()
    # Production: DEMO_MODE is on but DEBUG is off, so no way around the second factor.
    with override_settings(DEBUG=False, DEMO_MODE=True):
        assert password_step(client, "caseworker_a")["Location"] == reverse("signin_enrol")
        assert not signed_in_user(client).is_authenticated


def test_non_demo_user_never_skips_second_factor(client, world):
    with override_settings(DEBUG=True, DEMO_MODE=True):
        assert password_step(client, "caseworker_a")["Location"] == reverse("signin_enrol")


def test_demo_page_says_so(client):
    with override_settings(DEMO_MODE=True):
        assert "Demo" in client.get(reverse("login")).content.decode()
    with override_settings(DEMO_MODE=False):
        assert "Demo" not in client.get(reverse("login")).content.decode()


def test_session_ends_twelve_hours_after_sign_in_however_active(client, world):
    client.force_login(world.users["caseworker_a"])
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[services.STARTED_KEY] = int(time.time()) - 12 * 60 * 60 - 1
    session.save()
    response = client.get(reverse("course_list") + "?q=secret")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "secret" not in response["Location"]
    assert not signed_in_user(client).is_authenticated


def test_session_idles_out_after_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_sign_out_everywhere_ends_every_session(client, world):
    from django.test import Client

    other = Client()
    user = world.users["caseworker_a"]
    other.force_login(user)
    client.force_login(user)
    assert SignInSession.objects.filter(user=user).count() == 2
    response = client.post(reverse("signin_sign_out_everywhere"))
    assert response["Location"] == reverse("login")
    assert not signed_in_user(other).is_authenticated
    assert not signed_in_user(client).is_authenticated
    assert not SignInSession.objects.filter(user=user).exists()


def test_deactivating_a_user_ends_their_sessions_at_once(client, world):
    user = world.users["caseworker_a"]
    client.force_login(user)
    key = client.session.session_key
    user.is_active = False
    user.save()
    assert not Session.objects.filter(session_key=key).exists()
    assert not signed_in_user(client).is_authenticated


def test_deactivated_user_cannot_sign_in(client, world, enrolled):
    world.users["caseworker_a"].is_active = False
    world.users["caseworker_a"].save()
    response = password_step(client, "caseworker_a")
    assert response.status_code == 200
    assert not signed_in_user(client).is_authenticated


def test_administrator_resets_a_lost_second_factor(client_as, world, enrolled):
    client = client_as("administrator")
    response = client.post(reverse("signin_reset_second_factor", args=[world.users["caseworker_a"].pk]))
    assert response.status_code == 302
    assert not services.has_second_factor(world.users["caseworker_a"])


def test_account_page_shows_remaining_codes_and_makes_new_ones(client_as, world, enrolled):
    services.new_recovery_codes(world.users["caseworker_a"])
    client = client_as("caseworker_a")
    page = client.get(reverse("signin_account")).content.decode()
    assert "Du har 10 ubrugte gendannelseskoder." in page
    response = client.post(reverse("signin_new_codes"))
    assert response["Location"] == reverse("signin_recovery_codes")


def test_logout_ends_the_session(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not signed_in_user(client).is_authenticated


def test_passwords_are_hashed_with_argon2_and_need_twelve_characters(settings):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from brobygger import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with pytest.raises(ValidationError):
        validate_password("short pw 11")
    with pytest.raises(ValidationError):
        validate_password("password1234")  # a common password
    validate_password("a" * 20 + " long passphrase " + "b" * 40)  # 77 characters are fine
