"""Failed sign-ins slow down one account from one address, with growing waits; nobody else is locked
out; a coordinator or an administrator lifts a wait with a logged reason; no typed user name is kept."""

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent

PASSWORD = "correct horse battery staple"
OFFICE = "10.1.1.1"
HOME = "10.2.2.2"


def attempt(client, username, password=PASSWORD, address=OFFICE):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times=5, address=OFFICE):
    for _ in range(times):
        response = attempt(client, username, "wrong password here", address)
        assert response.status_code in (200, 429)
    return response


def test_five_wrong_passwords_slow_the_account_down_from_that_address_only(client, world, enrolled):
    fail(client, "caseworker_a")
    assert attempt(client, "caseworker_a", address=OFFICE).status_code == 429
    # The same account from another address is not locked: a stranger cannot lock a colleague out.
    response = attempt(client, "caseworker_a", address=HOME)
    assert response.status_code == 302 and response["Location"] == reverse("signin_verify")


def test_failures_for_many_names_from_one_address_do_not_lock_out_the_others_behind_it(client, world, enrolled):
    for name in ("caseworker_b", "coordinator", "analyst", "outreach", "nobody-here", "caseworker_b"):
        fail(client, name, times=5)
    response = attempt(client, "caseworker_a", address=OFFICE)
    assert response.status_code == 302 and response["Location"] == reverse("signin_verify")


def test_the_wait_grows_with_every_failure_after_the_fifth(client, world, settings):
    from signin.models import SignInThrottle

    settings.SIGNIN_FIRST_DELAY_SECONDS = 60
    settings.SIGNIN_LONGEST_DELAY_SECONDS = 900
    user = world.users["caseworker_a"]
    fail(client, "caseworker_a", times=4)
    assert SignInThrottle.objects.get(user=user).blocked_until is None
    waits = []
    for _ in range(6):
        fail(client, "caseworker_a", times=1)
        row = SignInThrottle.objects.get(user=user)
        waits.append(round((row.blocked_until - row.last_failure_at).total_seconds()))
        # The wait passes (as if that much time went by), then the next wrong password.
        SignInThrottle.objects.filter(pk=row.pk).update(blocked_until=timezone.now() - timedelta(seconds=1))
    assert waits == [60, 120, 240, 480, 900, 900]


def test_while_waiting_even_the_right_password_is_not_checked_and_nothing_is_counted(client, world, enrolled):
    from signin.models import SignInThrottle

    fail(client, "caseworker_a")
    row = SignInThrottle.objects.get(user=world.users["caseworker_a"])
    for _ in range(3):
        response = attempt(client, "caseworker_a")
        assert response.status_code == 429 and int(response["Retry-After"]) > 0
    row.refresh_from_db()
    assert row.failures == 5
    # After the wait, the right password works and forgets the failures.
    SignInThrottle.objects.filter(pk=row.pk).update(blocked_until=timezone.now() - timedelta(seconds=1))
    assert attempt(client, "caseworker_a")["Location"] == reverse("signin_verify")
    client.post(reverse("signin_verify"), {"code": enrolled.now()}, REMOTE_ADDR=OFFICE)
    assert not SignInThrottle.objects.filter(user=world.users["caseworker_a"]).exists()


def test_wrong_codes_count_for_the_account_and_address_too(client, world, enrolled):
    attempt(client, "caseworker_a")
    responses = [client.post(reverse("signin_verify"), {"code": "000001"}, REMOTE_ADDR=OFFICE) for _ in range(5)]
    assert responses[-1].status_code == 429
    assert client.post(reverse("signin_verify"), {"code": enrolled.now()}, REMOTE_ADDR=OFFICE).status_code == 429


CPR_NAME = "010190-1234\nadmin"


def test_a_cpr_number_typed_as_user_name_is_kept_nowhere(client, world, caplog):
    from signin.models import SignInThrottle

    caplog.set_level(logging.DEBUG)
    fail(client, CPR_NAME, times=6)
    stored = [str(value) for row in SignInThrottle.objects.values() for value in row.values()]
    stored += [str(value) for row in AccessEvent.objects.values() for value in row.values()]
    assert SignInThrottle.objects.filter(user=None).count() == 1
    assert AccessEvent.objects.filter(action="sign_in_failed").count() == 5
    for text in stored + [record.getMessage() for record in caplog.records]:
        assert "010190" not in text and "\n" not in text and "admin" not in text
    # The row is kept under a keyed hash of the name, with no user.
    row = SignInThrottle.objects.get(ip=OFFICE)
    assert row.user is None and len(row.name_hash) == 64


def test_a_known_user_is_kept_by_id_not_by_typed_name(client, world):
    from signin.models import SignInThrottle

    fail(client, "caseworker_a", times=1)
    row = SignInThrottle.objects.get(ip=OFFICE)
    assert row.user == world.users["caseworker_a"] and row.name_hash == "" and row.ip == OFFICE


def test_failed_sign_ins_of_a_known_user_are_in_the_access_log_by_name(client, world):
    fail(client, "caseworker_a", times=1)
    event = AccessEvent.objects.get(action="sign_in_failed")
    assert event.username == "caseworker_a"


# Lifting a wait.


def blocked(client, username="caseworker_a"):
    from signin.models import SignInThrottle

    fail(client, username)
    return SignInThrottle.objects.get(user=world_user(username), ip=OFFICE)


def world_user(username):
    from accounts.models import User

    return User.objects.get(username=username)


def test_the_coordinator_lifts_a_wait_of_a_project_member_with_a_logged_reason(client, client_as, world):
    from signin.models import SignInThrottle

    row = blocked(client)
    staff = client_as("coordinator")
    page = staff.get(reverse("signin_blocked")).content.decode()
    assert "caseworker_a" in page and OFFICE in page
    response = staff.post(reverse("signin_unblock", args=[row.pk]), {"reason": "Ringede fra kontoret; tastefejl"})
    assert response.status_code == 302
    assert not SignInThrottle.objects.filter(pk=row.pk).exists()
    event = AccessEvent.objects.get(detail__startswith="sign-in wait lifted")
    assert event.user_id == world.users["coordinator"].pk
    assert event.detail == (f"sign-in wait lifted: caseworker_a (#{world.users['caseworker_a'].pk}) from {OFFICE}; "
                            "reason: Ringede fra kontoret; tastefejl")


def test_a_reason_is_required(client, client_as, world):
    from signin.models import SignInThrottle

    row = blocked(client)
    response = client_as("coordinator").post(reverse("signin_unblock", args=[row.pk]), {"reason": " "})
    assert response.status_code == 200
    assert SignInThrottle.objects.filter(pk=row.pk).exists()


def test_a_reason_with_a_cpr_number_is_refused(client, client_as, world):
    from signin.models import SignInThrottle

    row = blocked(client)
    response = client_as("coordinator").post(reverse("signin_unblock", args=[row.pk]), {"reason": "borger 010190-1234"})
    assert response.status_code == 200
    assert SignInThrottle.objects.filter(pk=row.pk).exists()
    assert not AccessEvent.objects.filter(detail__contains="010190").exists()


def test_a_coordinator_cannot_see_or_lift_waits_outside_their_project(client, client_as, world):
    row = blocked(client, "outsider")
    staff = client_as("coordinator")
    assert "outsider" not in staff.get(reverse("signin_blocked")).content.decode()
    assert staff.post(reverse("signin_unblock", args=[row.pk]), {"reason": "prøver alligevel"}).status_code == 404


@pytest.mark.parametrize("role", ["caseworker_a", "caseworker_b", "analyst", "outreach"])
def test_other_roles_cannot_lift_waits(client, client_as, world, role):
    row = blocked(client, "coordinator")
    staff = client_as(role)
    assert staff.get(reverse("signin_blocked")).status_code == 404
    assert staff.post(reverse("signin_unblock", args=[row.pk]), {"reason": "min egen grund"}).status_code == 404


def test_the_administrator_lifts_anyones_wait(client, client_as, world):
    from signin.models import SignInThrottle

    row = blocked(client, "outsider")
    client_as("administrator").post(reverse("signin_unblock", args=[row.pk]), {"reason": "aftalt i telefonen"})
    assert not SignInThrottle.objects.filter(pk=row.pk).exists()
