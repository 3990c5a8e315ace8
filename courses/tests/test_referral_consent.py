"""Passing information on with a referral: only under the citizen's consent as it stands today,
only to the organisation the consent names, and recorded so the access request can list it.

The world: course_a (Reden København, org A) has a consent of 10 January 2026 to pass information
on to LivaRehab (org B) with a referral. Nothing allows information to go to the municipality (lead).
"""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Referral


def referral(world, **kwargs):
    return services.make_referral(**{
        "course": world.course_a, "target": "housing", "organisation": world.org_a, "by": world.users["caseworker_a"],
        "on": date(2026, 3, 1), **kwargs,
    })


def referral_form(world, **data):
    return {"target": "housing", "service_name": "Boligsocialt tilbud", "status": "requested", "date": "2026-03-01", **data}


def cells(html, table_id):
    """The text of each cell, row by row, of the table with `table_id` (or the one after a heading)."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_a_backdated_referral_after_the_withdrawal_is_refused_on_the_page(client_as, world):
    client = client_as("caseworker_a")
    client.post(reverse("consent_withdraw", args=[world.course_a.code, world.consent_a.pk]))
    world.consent_a.refresh_from_db()
    assert world.consent_a.withdrawn_on == timezone.localdate()
    before = Referral.objects.count()
    # Dated after the consent was given and before it was withdrawn: the typed date does not revive it.
    response = client.post(reverse("referral_add", args=[world.course_a.code]),
                           referral_form(world, date="2026-02-01", shared_with=world.org_b.pk))
    assert response.status_code == 200
    assert 'id="id_shared_with-error"' in response.content.decode()
    assert Referral.objects.count() == before


def test_the_service_uses_todays_state_of_consent_not_the_referrals_date(world):
    services.withdraw_consent(consent=world.consent_a, by=world.users["caseworker_a"], on=date(2026, 3, 1))
    with pytest.raises(ValidationError) as error:
        referral(world, on=date(2026, 2, 1), shared_with=world.org_b)
    assert list(error.value.message_dict) == ["shared_with"]
    assert not Referral.objects.filter(shared_with__isnull=False).exists()


def test_a_consent_for_one_partner_does_not_let_information_go_to_another(client_as, world):
    with pytest.raises(ValidationError):
        referral(world, shared_with=world.lead)
    response = client_as("caseworker_a").post(reverse("referral_add", args=[world.course_a.code]),
                                              referral_form(world, shared_with=world.lead.pk))
    assert response.status_code == 200
    assert 'id="id_shared_with-error"' in response.content.decode()
    assert not Referral.objects.filter(shared_with__isnull=False).exists()


def test_information_cannot_go_before_the_consent_was_given(world):
    with pytest.raises(ValidationError):
        referral(world, on=date(2026, 1, 9), shared_with=world.org_b)
    assert not Referral.objects.filter(shared_with__isnull=False).exists()


def test_the_form_offers_only_organisations_whose_consent_stands(client_as, world):
    client = client_as("caseworker_a")
    page = client.get(reverse("referral_add", args=[world.course_a.code])).content.decode()
    select = page.split('name="shared_with"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="(\d+)"', select) == [str(world.org_b.pk)]
    services.withdraw_consent(consent=world.consent_a, by=world.users["caseworker_a"])
    page = client.get(reverse("referral_add", args=[world.course_a.code])).content.decode()
    select = page.split('name="shared_with"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="(\d+)"', select) == []


def test_the_referral_records_to_whom_and_under_which_consent(client_as, world):
    response = client_as("caseworker_a").post(reverse("referral_add", args=[world.course_a.code]),
                                              referral_form(world, shared_with=world.org_b.pk))
    assert response.status_code == 302
    saved = Referral.objects.get(target="housing")
    assert (saved.shared_with, saved.consent) == (world.org_b, world.consent_a)
    # A referral that passes nothing on names nobody.
    world.referral_a.refresh_from_db()
    assert (world.referral_a.shared_with, world.referral_a.consent) == (None, None)


def test_the_citizens_access_request_lists_what_was_passed_on_and_to_whom(client_as, world):
    referral(world, shared_with=world.org_b, service_name="Boligkontoret")
    html = client_as("coordinator").get(reverse("rights_course", args=[world.course_a.code])).content.decode()
    rows = cells(html, "held-referrals")
    # Ordered by date: the world's referral of 10 January passed nothing on.
    assert rows[0][1] == "Misbrugsbehandling" and rows[0][3] == "Ingen oplysninger videregivet"
    assert rows[1][1] == "Boligkontoret" and rows[1][3] == "LivaRehab (samtykke givet 10.01.2026)"


def test_erasing_the_course_takes_the_referral_and_its_consent_with_it(client_as, world):
    referral(world, shared_with=world.org_b)
    response = client_as("coordinator").post(reverse("rights_erase", args=[world.course_a.code]),
                                             {"confirm": world.course_a.code})
    assert response.status_code == 302
    assert not Referral.objects.filter(course_id=world.course_a.pk).exists()
