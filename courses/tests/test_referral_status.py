"""Who changes a referral's status: the owning organisation's caseworkers, the project's coordinator,
and the organisation that made the referral. A partner who only shares the course looks, but does
not change the owner's referrals (issue 14, point 10)."""

from datetime import date

from django.urls import reverse

from courses import services
from courses.models import Consent


def share_a_with_b(world):
    services.record_consent(course=world.course_a, organisation=world.org_b, scope=Consent.Scope.SHARE_COURSE,
                            given_on=date(2026, 2, 1), by=world.users["caseworker_a"])


def status_url(world, referral):
    return reverse("referral_status", args=[world.course_a.code, referral.pk])


def test_a_partner_sharing_the_course_cannot_change_the_owners_referral(client_as, world):
    share_a_with_b(world)
    client = client_as("caseworker_b")
    assert client.get(reverse("course_detail", args=[world.course_a.code])).status_code == 200
    response = client.post(status_url(world, world.referral_a), {"status": "declined"})
    assert response.status_code == 404
    world.referral_a.refresh_from_db()
    assert world.referral_a.status == "requested"


def test_the_partner_sees_the_status_but_no_form_to_change_it(client_as, world):
    share_a_with_b(world)
    page = client_as("caseworker_b").get(reverse("course_detail", args=[world.course_a.code])).content.decode()
    assert status_url(world, world.referral_a) not in page
    page = client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code])).content.decode()
    assert status_url(world, world.referral_a) in page


def test_the_owner_and_the_coordinator_change_it(client_as, world):
    for person, status in (("caseworker_a", "started"), ("coordinator", "declined")):
        assert client_as(person).post(status_url(world, world.referral_a), {"status": status}).status_code == 302
        world.referral_a.refresh_from_db()
        assert world.referral_a.status == status


def test_a_partner_follows_up_its_own_referral_on_a_shared_course(client_as, world):
    share_a_with_b(world)
    own = services.make_referral(course=world.course_a, target="health", organisation=world.org_b,
                                 by=world.users["caseworker_b"], on=date(2026, 3, 1))
    assert client_as("caseworker_b").post(status_url(world, own), {"status": "started"}).status_code == 302
    own.refresh_from_db()
    assert own.status == "started"
