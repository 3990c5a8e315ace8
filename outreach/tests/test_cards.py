import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outreach import services
from outreach.models import Card


def test_a_batch_prints_unique_random_codes(world):
    batch = services.create_card_batch(project=world.project, by=world.users["outreach"], size=50)
    codes = list(batch.cards.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 50
    assert all(re.fullmatch(r"[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}", c) for c in codes)


def test_a_batch_has_1_to_200_cards(world):
    with pytest.raises(ValidationError):
        services.create_card_batch(project=world.project, by=world.users["outreach"], size=0)
    with pytest.raises(ValidationError):
        services.create_card_batch(project=world.project, by=world.users["outreach"], size=201)


def test_outreach_worker_prints_a_batch_and_sees_the_sheet(client_as, world):
    client = client_as("outreach")
    response = client.post(reverse("outreach_card_batches", args=[world.project.slug]), {"size": 12})
    assert response.status_code == 302
    sheet = client.get(response["Location"]).content.decode()
    batch_cards = Card.objects.filter(batch__size=12)
    assert batch_cards.count() == 12
    assert all(card.code in sheet for card in batch_cards)


def test_coordinator_links_a_card_and_the_course_shows_earlier_contacts(client_as, world, log, topics):
    log(card_code=world.card.code, topics=[topics[4]])
    log(card_code=world.card.code)
    client = client_as("coordinator")
    response = client.post(reverse("outreach_card_link", args=[world.project.slug]),
                           {"card_code": world.card.code, "course_code": world.course_b.code})
    assert response.status_code == 302
    world.card.refresh_from_db()
    assert world.card.course == world.course_b
    page = client.get(reverse("course_detail", args=[world.course_b.code])).content.decode()
    assert world.card.code in page
    assert page.count("<td>H17</td>") == 2
    assert topics[4].name in page


def test_caseworker_of_the_course_sees_the_linked_contacts(client_as, world, log):
    log(card_code=world.linked_card.code)
    page = client_as("caseworker_a").get(reverse("course_detail", args=[world.course_a.code])).content.decode()
    assert world.linked_card.code in page
    assert "outreach_card_unlink" not in page and "/unlink/" not in page


def test_linking_to_an_unknown_course_is_refused(client_as, world):
    response = client_as("coordinator").post(reverse("outreach_card_link", args=[world.project.slug]),
                                             {"card_code": world.card.code, "course_code": "KBH-XXXX"})
    assert response.status_code == 200
    world.card.refresh_from_db()
    assert world.card.course is None


def test_a_card_cannot_be_linked_to_a_course_of_another_project(world):
    from courses import services as course_services

    other_course = course_services.register_course(
        project=world.other_project, organisation=world.national, by=world.users["coordinator"],
        start_date=world.course_a.start_date,
    )
    with pytest.raises(ValidationError):
        services.link_card(card=world.card, course=other_course, by=world.users["coordinator"])


def test_a_linked_card_is_not_moved_to_another_course(world):
    with pytest.raises(ValidationError):
        services.link_card(card=world.linked_card, course=world.course_b, by=world.users["coordinator"])


def test_coordinator_removes_a_link(client_as, world):
    response = client_as("coordinator").post(
        reverse("outreach_card_unlink", args=[world.project.slug, world.linked_card.pk]))
    assert response.status_code == 302
    world.linked_card.refresh_from_db()
    assert world.linked_card.course is None


def test_the_card_code_hint_shows_a_code_as_cards_print_it(client_as, world):
    import re as _re

    from outreach.forms import CardCodeField
    from outreach.models import new_card_code

    hint = str(CardCodeField().help_text)
    example = _re.search(r"[A-Z0-9]{3}-[A-Z0-9]{3}", hint).group(0)
    assert _re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", new_card_code())  # the shape printed on cards
    assert "Six letters" not in hint and example
