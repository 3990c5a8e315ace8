from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import Referral
from directory import services
from directory.models import Service


def test_public_directory_needs_no_sign_in_and_hides_non_public_services(client, world):
    services.save_service(name="Intern tjeneste", provider="KK", offers="Kun for personale.", is_public=False)
    response = client.get(reverse("directory_public"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gratis anonym stofbehandling" in page and "Intern tjeneste" not in page
    assert "prostitu" not in page.lower()


def test_search_and_filters(client, world):
    services.save_service(name="Reden København", provider="Reden", kind="social_services",
                          offers="Værested for kvinder.", audiences=["women"])
    services.save_service(name="Mændenes Hjem", provider="Mændenes Hjem", kind="health", offers="Sundhedsrum.",
                          audiences=["men"], anonymous=False)
    url = reverse("directory_public")
    assert [s.name for s in client.get(url, {"q": "værested"}).context["page"]] == ["Reden København"]
    women = [s.name for s in client.get(url, {"audience": "women"}).context["page"]]
    assert women == ["Gratis anonym stofbehandling", "Reden København"]  # "everyone" includes women
    assert [s.name for s in client.get(url, {"kind": "health"}).context["page"]] == ["Mændenes Hjem"]
    assert "Mændenes Hjem" not in [s.name for s in client.get(url, {"anonymous": "on"}).context["page"]]


def test_services_not_checked_for_12_months_are_flagged_to_coordinators(client_as, world):
    today = timezone.localdate()
    services.mark_checked(service=world.service, by=None, on=today - timedelta(days=400))
    fresh = services.save_service(name="Ny", provider="KK", offers="Noget.", last_checked=today)
    assert list(Service.objects.stale()) == [world.service]
    page = client_as("coordinator").get(reverse("directory_list")).content.decode()
    assert response_flag(page)
    assert [s.name for s in client_as("coordinator").get(reverse("directory_list"), {"stale": "1"}).context["page"]] \
        == [world.service.name]
    client_as("coordinator").post(reverse("directory_service_checked", args=[world.service.pk]))
    world.service.refresh_from_db()
    assert world.service.last_checked == today and not fresh.is_stale()


def test_caseworker_does_not_see_the_flag(client_as, world):
    services.mark_checked(service=world.service, by=None, on=date(2020, 1, 1))
    response = client_as("caseworker_a").get(reverse("directory_list"))
    assert response.context["stale_count"] == 0


def test_coordinator_adds_a_service_and_free_text_refuses_phone_numbers(client_as, world):
    client = client_as("coordinator")
    data = {"name": "Step Up", "provider": "KK", "kind": "job_centre", "offers": "Ring 12345678",
            "audiences": ["everyone"], "is_public": "on", "active": "on"}
    assert client.post(reverse("directory_service_create"), data).status_code == 200
    data["offers"] = "Fælles opsøgende indsats."
    client.post(reverse("directory_service_create"), data)
    assert Service.objects.get(name="Step Up").audience_codes == ["everyone"]


def test_load_services_seeds_the_digest_and_is_idempotent(db):
    out = StringIO()
    call_command("load_services", stdout=out)
    assert "created" in out.getvalue()
    count = Service.objects.count()
    assert count >= 20
    assert Service.objects.get(name="Reden København").audience_codes == ["women"]
    call_command("load_services", stdout=StringIO())
    assert Service.objects.count() == count
    for service in Service.objects.all():
        assert not any(ch.isdigit() for ch in service.contact)  # no invented phone numbers


def test_load_services_dry_run_changes_nothing(db):
    call_command("load_services", "--dry-run", stdout=StringIO())
    assert not Service.objects.exists()


def test_load_services_refuses_a_bad_file(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "X", "provider": "Y", "offers": "Ring 12345678"}]')
    with pytest.raises(CommandError):
        call_command("load_services", "--file", str(bad), stdout=StringIO())
    assert not Service.objects.exists()


def test_referral_can_point_at_a_directory_service(client_as, world):
    client = client_as("caseworker_a")
    response = client.post(reverse("referral_add", args=[world.course_a.code]), {
        "target": "drug_treatment", "directory_service": world.service.pk, "service_name": "", "status": "requested",
        "date": "2026-02-01", "note": "",
    })
    assert response.status_code == 302
    referral = Referral.objects.get(directory_service=world.service)
    assert referral.service_name == world.service.name


def response_flag(page: str) -> bool:
    """The coordinator's notice (Danish by default, English msgid if not yet translated)."""
    return "?stale=1" in page
