"""The demo data once for a whole test module: seed_demo takes seconds, and a module's tests only read it."""

from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@contextmanager
def demo_data_for_the_module(django_db_blocker):
    """Build the demo data in a transaction rolled back when the module is done (as Django's
    setUpTestData does); each test still runs in its own savepoint inside it. For a fixture of
    scope "module" that asks for django_db_setup and django_db_blocker."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(DEBUG=True):  # seed_demo runs on a demo server only
                call_command("seed_demo", stdout=StringIO())
        except BaseException:
            # Never leave the transaction open: every later test would run inside it.
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
