"""Demo data: the services named in the domain digest; two are overdue for a check."""

import json
from datetime import timedelta
from pathlib import Path

from brobygger import demo

SERVICES_FILE = Path(__file__).resolve().parent / "data" / "services.json"


@demo.extend
def add_services(context):
    from .models import Service
    from .services import load_services

    load_services(json.loads(SERVICES_FILE.read_text(encoding="utf-8")), checked_on=context["today"])
    stale = context["today"] - timedelta(days=400)
    Service.objects.filter(name__in=["SR-Bistand", "Stenbroens Jurister"]).update(last_checked=stale)


@demo.extend
def refer_to_services(context):
    """A few of the exit project's citizens referred the way workers do it: to a service picked
    from the directory (the form copies its name), or to one typed in by hand."""
    from courses.models import Referral
    from courses.services import make_referral

    from .models import Service

    picked = [Service.objects.get(name=name) for name in ("Mændenes Hjem", "Reden København")]
    typed = [(Referral.Target.HOUSING, "Kirkens Korshærs natvarmestue"), (Referral.Target.OTHER, "Tandklinikken, Vesterbro")]
    exit_courses = [c for c in context["courses"] if c.project_id == context["exit_project"].pk]
    for course, service in zip(exit_courses[0::5], picked, strict=False):
        make_referral(course=course, target=service.kind, organisation=course.organisation, by=course.created_by,
                      on=course.start_date, service_name=service.name, directory_service=service)
    for course, (target, name) in zip(exit_courses[2::5], typed, strict=False):
        make_referral(course=course, target=target, organisation=course.organisation, by=course.created_by,
                      on=course.start_date, service_name=name)
