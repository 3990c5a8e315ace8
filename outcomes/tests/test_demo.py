import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import override_settings

from outcomes.models import Measurement

pytestmark = pytest.mark.django_db


def test_the_demo_has_exit_indicators_measured_twice_for_copenhagen():
    with override_settings(DEBUG=True):  # seed_demo runs on a demo server only
        call_command("seed_demo", stdout=io.StringIO())
    projects = set(Measurement.objects.values_list("course__project__name", flat=True))
    # Both Copenhagen projects: the Exit project, and the 2026 budget's (its cost per outcome needs them).
    assert projects == {"Exit-Prostitution København", "Bedre vilkår for sexarbejdere 2026"}
    twice = Measurement.objects.values("course").annotate(n=Count("pk")).filter(n__gte=2)
    assert twice.count() >= 20
    assert Measurement.objects.filter(kind="start").count() == Measurement.objects.values("course").distinct().count()
