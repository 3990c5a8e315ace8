"""Writes to the directory: views and the load_services command call these."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from brobygger.text import clean_control_characters

from .models import Service, ServiceAudience


@transaction.atomic
def save_service(*, service: Service | None = None, by=None, audiences=(), **fields) -> Service:
    service = service or Service()
    for name, value in fields.items():
        setattr(service, name, value)
    service.updated_by = by
    service.full_clean()
    service.save()
    set_audiences(service=service, audiences=audiences)
    return service


def set_audiences(*, service: Service, audiences) -> None:
    wanted = set(audiences)
    service.audiences.exclude(audience__in=wanted).delete()
    have = set(service.audiences.values_list("audience", flat=True))
    ServiceAudience.objects.bulk_create([ServiceAudience(service=service, audience=a) for a in sorted(wanted - have)])


def mark_checked(*, service: Service, by, on: date | None = None) -> Service:
    service.last_checked = on or timezone.localdate()
    service.updated_by = by
    service.save(update_fields=["last_checked", "updated_by", "updated_at"])
    return service


def load_services(entries: list[dict], *, by=None, checked_on: date | None = None) -> tuple[int, int]:
    """Create or update services by name; returns (created, updated). Text loses its control
    characters as on the form (what it offers keeps its line breaks); the models' identity checks run."""
    created = updated = 0
    for entry in entries:
        entry = {key: clean_control_characters(value, multiline=key == "offers") if isinstance(value, str) else value
                 for key, value in entry.items()}
        audiences = entry.pop("audiences", [])
        existing = Service.objects.filter(name=entry["name"]).first()
        entry.setdefault("last_checked", checked_on)
        save_service(service=existing, by=by, audiences=audiences, **entry)
        if existing:
            updated += 1
        else:
            created += 1
    return created, updated
