"""seed_demo on an empty database. Apart from test_seed_demo.py, whose demo data is built once for the
whole module: these two need the database empty, and there they passed only by running first."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from courses.models import Course
from projects.models import Organisation


def test_it_refuses_to_run_without_debug(db):
    # Demo users with a known password (and a bypass of the second factor) never go into a production database.
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_if_empty_fills_an_empty_database_and_says_how_to_sign_in(db):
    out = StringIO()
    with override_settings(DEBUG=True):  # a demo server; the tests themselves run with DEBUG off
        call_command("seed_demo", "--if-empty", "--courses", "5", stdout=out)
    # The foundation's courses (other apps' demo data may add courses of their own).
    assert Course.objects.filter(project_ref__regex=r"^EXIT-[0-9]{3}$").count() == 5
    assert "brobygger-demo" in out.getvalue() and "sagsbehandler" in out.getvalue()
