"""The citizen's one-time link: stored only as a hash, works once, expires, refuses the same way."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from wellbeing import ratelimit, services
from wellbeing.models import Who5Invitation, Who5Response, hash_token

ANSWERS = {"item1": "3", "item2": "4", "item3": "2", "item4": "3", "item5": "5", "language": "da"}


@pytest.fixture(autouse=True)
def _clear_rate_limit(db):
    cache.clear()  # the cache is a database table, which a test's rollback also empties


@pytest.fixture
def invitation(world):
    invitation, token = services.create_invitation(course=world.course_a, by=world.users["caseworker_a"])
    return invitation, token


def url(token):
    return reverse("who5_citizen", args=[token])


def test_token_has_128_bits_and_only_its_hash_is_stored(invitation):
    invitation, token = invitation
    assert len(token) == 26  # 128 bits in base32
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    stored = [str(v) for v in Who5Invitation.objects.values_list().get(pk=invitation.pk)]
    assert token not in " ".join(stored)


def test_tokens_differ_every_time(world):
    tokens = {services.create_invitation(course=world.course_a, by=None)[1] for _ in range(20)}
    assert len(tokens) == 20


def test_link_expires_after_14_days(invitation):
    invitation, token = invitation
    assert invitation.expires_at - invitation.created_at >= timedelta(days=14) - timedelta(seconds=1)
    assert services.usable_invitation(token, now=timezone.now() + timedelta(days=13)) is not None
    assert services.usable_invitation(token, now=timezone.now() + timedelta(days=14, seconds=1)) is None


def test_citizen_answers_without_signing_in_and_the_score_is_stored(client, invitation, world):
    _, token = invitation
    page = client.get(url(token))
    assert page.status_code == 200
    assert "har jeg været glad og i godt humør" in page.content.decode()
    response = client.post(url(token), ANSWERS)
    assert response.status_code == 302 and response["Location"].startswith(reverse("who5_thanks"))
    answer = Who5Response.objects.get(course=world.course_a)
    assert (answer.answers, answer.score, answer.mode, answer.language) == ([3, 4, 2, 3, 5], 68, "alone", "da")
    assert answer.invitation.used_at is not None


def test_the_link_works_once(client, invitation):
    _, token = invitation
    client.post(url(token), ANSWERS)
    again = client.get(url(token))
    assert again.status_code == 404
    assert "Linket virker ikke længere" in again.content.decode()  # the citizen pages speak Danish first
    client.post(url(token), ANSWERS)
    assert Who5Response.objects.count() == 1


def test_double_submission_stores_one_answer(invitation):
    invitation, _ = invitation
    services.submit_who5(invitation=invitation, answers=[1, 1, 1, 1, 1], language="da")
    with pytest.raises(services.InvitationUsed):
        services.submit_who5(invitation=invitation, answers=[1, 1, 1, 1, 1], language="da")
    assert Who5Response.objects.count() == 1


def test_unknown_used_and_expired_links_look_exactly_the_same(client, invitation, world):
    invitation, token = invitation
    used_inv, used = services.create_invitation(course=world.course_a, by=None)
    services.submit_who5(invitation=used_inv, answers=[2, 2, 2, 2, 2], language="da")
    expired_inv, expired = services.create_invitation(course=world.course_a, by=None)
    Who5Invitation.objects.filter(pk=expired_inv.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    pages = [client.get(url(t)) for t in ("a" * 26, used, expired)]
    assert {p.status_code for p in pages} == {404}
    assert len({p.content for p in pages}) == 1


def test_a_wrong_link_stores_nothing(client, invitation):
    response = client.post(url("b" * 26), ANSWERS)
    assert response.status_code == 404
    assert Who5Response.objects.count() == 0


def test_an_unanswered_statement_is_named_and_nothing_is_stored(client, invitation):
    _, token = invitation
    data = {**ANSWERS}
    del data["item3"]
    response = client.post(url(token) + "?lang=en", {**data, "language": "en"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please answer every statement" in body
    # Every statement has its (hidden) line in the summary for the script; only the missing one shows.
    assert '<li data-error-for="id_item3"><a href="#id_item3">' in body
    assert '<li data-error-for="id_item1" hidden><a href="#id_item1">' in body
    assert '<div class="alert alert-error error-summary mb-5" role="alert"' in body and 'id="error-summary">' in body
    assert "{#" not in body and "#}" not in body  # a template comment must never reach the citizen
    assert Who5Response.objects.count() == 0
    assert services.usable_invitation(token) is not None


def test_english_is_offered_and_stored(client, invitation, world):
    _, token = invitation
    body = client.get(url(token) + "?lang=en").content.decode()
    assert "I have felt cheerful and in good spirits" in body
    assert "Leave quickly" in body and '<html lang="en"' in body
    client.post(url(token) + "?lang=en", {**ANSWERS, "language": "en"})
    assert Who5Response.objects.get().language == "en"


def test_citizen_pages_leave_nothing_behind_and_say_nothing_about_the_purpose(client, invitation, world):
    _, token = invitation
    response = client.get(url(token))
    body = response.content.decode().lower()
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies, "no cookie of any kind (no CSRF, session or language cookie)"
    for word in ("prostitu", "sex", world.course_a.code.lower(), world.project.name.lower(), "brobygger", "reden"):
        assert word not in body
    assert "forlad siden hurtigt" in body and "https://www.dmi.dk/" in body
    thanks = client.post(url(token), ANSWERS, follow=True)
    assert not thanks.cookies and "Tak" in thanks.content.decode()


def test_citizen_post_works_with_csrf_checks_on(invitation):
    from django.test import Client

    _, token = invitation
    response = Client(enforce_csrf_checks=True).post(url(token), ANSWERS, HTTP_ORIGIN="null")
    assert response.status_code == 302
    assert Who5Response.objects.count() == 1


def test_links_of_ended_courses_no_longer_work(client, invitation, world):
    _, token = invitation
    world.course_a.end_date = world.course_a.start_date + timedelta(days=30)
    world.course_a.save()
    assert client.get(url(token)).status_code == 404


def test_probing_is_rate_limited_per_client(client, invitation):
    _, token = invitation
    for i in range(ratelimit.FAILURES_ALLOWED):
        assert client.get(url(f"{i:026d}")).status_code == 404
    # Blocked now: even the right link shows the same page, so guesses teach nothing.
    assert client.get(url(token)).status_code == 404
    other = client.get(url(token), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_every_citizen_page_has_leave_quickly_and_no_staff_menu(client, invitation):
    _, token = invitation
    pages = [client.get(url(token)), client.get(reverse("who5_thanks")), client.get(url("x" * 26))]
    for page in pages:
        body = page.content.decode()
        assert "data-leave-quickly" in body
        assert "Main menu" not in body and "Hovedmenu" not in body and "/logout/" not in body
        assert page["Referrer-Policy"] == "no-referrer"


def test_a_token_one_letter_off_is_refused_and_the_stored_hash_is_checked_again(invitation):
    invitation, token = invitation
    other_letter = "a" if token[-1] != "a" else "b"
    assert services.usable_invitation(token[:-1] + other_letter) is None
    # The row found by its hash is compared with the typed token once more (hmac.compare_digest, so
    # the time it takes tells nothing), in case a database matched more loosely than byte for byte.
    assert invitation.matches(token)
    assert not invitation.matches(token[:-1] + other_letter)
    assert not invitation.matches(token.upper())
