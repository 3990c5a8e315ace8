"""The report pages in Chromium at phone and desktop width, checked with axe-core (WCAG 2.1 AA)."""

import pytest

from exchange.services import import_registrations, import_who5
from exchange.tests.helpers import esbjerg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def esbjerg(world):
    import_registrations(project=world.project, data=esbjerg_bytes("registrering.xlsx"))
    import_who5(project=world.project, data=esbjerg_bytes("who5.csv"))
    return world


def test_report_and_comparison_pages_pass_axe_at_both_widths(esbjerg, ui):
    ui.page.set_default_timeout(60_000)  # a busy machine renders slowly
    ui.login("analyst")
    for path in ("/reports/", "/reports/exit/?as_of=2023-11-30", "/reports/compare/?as_of=2023-11-30"):
        ui.goto(path)
        ui.check()
    ui.phone()
    ui.goto("/reports/exit/?as_of=2023-11-30")
    ui.check()
    assert ui.page.locator("svg.chart-svg").count() == 5


def test_import_pages_pass_axe(esbjerg, ui):
    ui.login("coordinator")
    ui.goto("/exchange/")
    ui.check()
    ui.goto(f"/exchange/uploads/{esbjerg.import_upload.pk}/")
    ui.check()
