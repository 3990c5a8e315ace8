from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from outreach.models import OutreachContact


def url(world):
    return reverse("outreach_log", args=[world.project.slug])


def post(client, world, **data):
    base = {"site": world.site.pk, "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "staff": [world.users["outreach"].pk]}
    return client.post(url(world), {**base, **data})


def test_outreach_worker_logs_a_contact_with_topics_and_outcome(client_as, world, topics):
    client = client_as("outreach")
    response = post(client, world, topics=[topics[1].pk, topics[3].pk],
                    outcomes=["information_given"], referral_service=world.service.pk)
    assert response.status_code == 302
    contact = OutreachContact.objects.get()
    assert contact.site == world.site
    assert contact.organisation == world.lead
    assert contact.date == timezone.localdate()
    assert set(contact.topics.all()) == {topics[1], topics[3]}
    assert contact.information_given and not contact.accompanied
    assert (contact.referral_service, contact.referral_target) == (world.service, "drug_treatment")  # kind follows
    assert list(contact.staff.all()) == [world.users["outreach"]]
    page = client.get(response["Location"])
    assert "H17" in page.content.decode() and ": 1." in page.content.decode()


def test_the_page_remembers_the_last_site_so_the_next_contact_needs_fewer_taps(client_as, world):
    client = client_as("outreach")
    post(client, world)
    form = client.get(url(world)).context["form"]
    assert form["site"].value() == world.site.pk
    assert form["staff"].value() == [world.users["outreach"].pk]
    assert form["at"].value() is not None


def test_a_minimal_contact_is_site_and_save(client_as, world):
    """Five taps at most: with the site remembered, tapping Save alone records a contact."""
    client = client_as("outreach")
    response = client.post(url(world), {"site": world.site.pk,
                                        "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    contact = OutreachContact.objects.get()
    assert list(contact.staff.all()) == [world.users["outreach"]]


def test_a_contact_in_the_future_is_refused_even_for_a_coordinator(client_as, world):
    for role in ("outreach", "coordinator"):
        client = client_as(role)
        later = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
        response = post(client, world, at=later)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not OutreachContact.objects.exists()


def test_outreach_worker_cannot_date_a_contact_more_than_31_days_back(client_as, world):
    old = (timezone.localtime() - timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    response = post(client_as("outreach"), world, at=old)
    assert response.status_code == 200
    assert not OutreachContact.objects.exists()


def test_a_coordinator_may_enter_an_old_contact(client_as, world):
    old = (timezone.localtime() - timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    response = post(client_as("coordinator"), world, at=old, staff=[world.users["coordinator"].pk])
    assert response.status_code == 302
    assert OutreachContact.objects.get().date == (timezone.localtime() - timedelta(days=40)).date()


def test_an_unknown_card_code_is_refused_with_a_message(client_as, world):
    response = post(client_as("outreach"), world, card_code="ZZZ-ZZZ")
    assert response.status_code == 200
    assert "card_code" in response.context["form"].errors
    assert not OutreachContact.objects.exists()


def test_a_card_code_is_found_however_it_is_typed(client_as, world):
    typed = world.card.code.lower().replace("-", " ")
    response = post(client_as("outreach"), world, card_code=typed)
    assert response.status_code == 302
    assert OutreachContact.objects.get().card == world.card


def test_a_card_of_another_project_does_not_count(client_as, world):
    from outreach import services

    other = services.create_card_batch(project=world.other_project, by=world.users["coordinator"], size=1)
    response = post(client_as("outreach"), world, card_code=other.cards.get().code)
    assert response.status_code == 200
    assert not OutreachContact.objects.exists()


def test_a_note_with_a_phone_number_is_refused(client_as, world):
    response = post(client_as("outreach"), world, note="ring hende på 22 33 44 55")
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert not OutreachContact.objects.exists()


def test_a_note_with_a_cpr_number_or_email_is_refused(client_as, world):
    client = client_as("outreach")
    for note in ("010190-1234", "hende@example.com"):
        response = post(client, world, note=note)
        assert response.status_code == 200
        assert response.context["form"].errors["note"]
    assert not OutreachContact.objects.exists()


def test_a_site_of_another_project_is_refused(client_as, world):
    from projects.models import Site

    elsewhere = Site.objects.create(project=world.other_project, name="Aarhus Banegård")
    response = post(client_as("outreach"), world, site=elsewhere.pk)
    assert response.status_code == 200
    assert not OutreachContact.objects.exists()


def test_card_check_tells_at_once_whether_a_code_exists(client_as, world, log):
    log(card_code=world.card.code)
    client = client_as("outreach")
    check = reverse("outreach_card_check", args=[world.project.slug])
    known = client.get(check, {"card_code": world.card.code.lower()}).content.decode()
    unknown = client.get(check, {"card_code": "ZZZ-ZZZ"}).content.decode()
    assert known.strip() == f'<p class="card-check-ok">Kort {world.card.code.lower()}: 1 tidligere kontakt.</p>'
    assert unknown.strip() == ('<p class="card-check-bad">Intet kort har denne kode. '
                               'Tjek den med personen, før du gemmer.</p>')


def test_outreach_worker_gets_404_on_every_course_page(client_as, world):
    client = client_as("outreach")
    for name, kwargs in [("course_list", {}), ("course_create", {}), ("course_detail", {"code": world.course_a.code}),
                         ("course_edit", {"code": world.course_a.code}),
                         ("intervention_add", {"code": world.course_b.code})]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name


def test_outreach_worker_of_another_project_gets_404(client, world):
    from accounts.models import Membership
    from conftest import make_user

    stranger = make_user("stranger", (world.national, world.other_project, Membership.Role.OUTREACH))
    client.force_login(stranger)
    assert client.get(url(world)).status_code == 404


def test_saving_a_contact_takes_a_fixed_number_of_queries(client_as, world, topics, log):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("outreach")
    client.get(url(world))

    def queries(**data):
        with CaptureQueriesContext(connection) as captured:
            response = post(client, world, card_code=world.card.code, **data)
        assert response.status_code == 302
        # The audit app's one insert per change is not ours to count.
        return [q["sql"] for q in captured if "audit_" not in q["sql"]]

    log(card_code=world.card.code)
    few = queries(topics=[topics[0].pk], outcomes=["information_given"])
    for _n in range(20):
        log(card_code=world.card.code)
    many = queries(topics=[t.pk for t in topics[:4]], outcomes=["information_given", "appointment_booked"])
    # The same for a card seen 21 times as for one seen once, and for four topics as for one.
    assert len(many) == len(few), "\n".join(sql[:90] for sql in many)


def test_referral_targets_come_from_the_service_directory(client_as, world):
    from directory.services import save_service

    sociolancen = save_service(name="Sociolancen", provider="Københavns Kommune", kind="social_services",
                               offers="Mobil socialfaglig hjælp", by=world.users["coordinator"])
    client = client_as("outreach")
    field = client.get(url(world)).context["form"]["referral_service"]
    labels = [label for _value, label in field.field.choices][1:]
    assert labels == [str(world.service), str(sociolancen)]  # "Gratis ..." before "Sociolancen"
    post(client, world, referral_service=sociolancen.pk)
    contact = OutreachContact.objects.get()
    assert (contact.referral_service, contact.referral_target) == (sociolancen, "social_services")
