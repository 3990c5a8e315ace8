"""Demo data: the services named in the domain digest; two are overdue for a check."""

import json
from datetime import timedelta
from pathlib import Path

from brobygger import demo

SERVICES_FILE = Path(__file__).resolve().parent / "data" / "services.json"


# Before the courses' demo, which refers some of its citizens to these services.
@demo.extend(order=demo.FOUNDATION["directory"])
def add_services(context):
    from .models import Service
    from .services import load_services

    load_services(json.loads(SERVICES_FILE.read_text(encoding="utf-8")), checked_on=context["today"])
    stale = context["today"] - timedelta(days=400)
    Service.objects.filter(name__in=["SR-Bistand", "Stenbroens Jurister"]).update(last_checked=stale)
