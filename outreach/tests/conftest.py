from datetime import timedelta

import pytest
from django.utils import timezone

from outreach import services
from outreach.models import Topic


@pytest.fixture
def topics(world):
    """The standard topics in their order: social assistance, small jobs, social services, drug treatment, housing..."""
    return list(Topic.objects.filter(project=world.project).order_by("order"))


@pytest.fixture
def log(world):
    """log(**overrides) saves a contact as the outreach worker, through the same service the page uses."""

    def _log(**kwargs):
        defaults = {"project": world.project, "organisation": world.lead, "by": world.users["outreach"],
                    "site": world.site, "at": timezone.now() - timedelta(minutes=5)}
        return services.log_contact(**{**defaults, **kwargs})

    return _log
