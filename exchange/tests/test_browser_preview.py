"""The import preview of a version 2 workbook (with exit indicators), on a phone: no axe findings."""

import os

import pytest

from exchange.models import ImportUpload

from .helpers import row
from .test_indicator_sheet import measurement
from .test_indicator_sheet import workbook as version_2

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SCREENSHOTS")  # a folder: keep screenshots for a person to look at


def test_the_preview_of_a_version_2_workbook(ui, world):
    data = version_2([row(ref="A-1")], [measurement("A-1"), measurement("A-1", kind="end")])
    upload = ImportUpload.objects.create(project=world.project, kind="registrations", filename="registrering.xlsx",
                                         data=data, size=len(data), uploaded_by=world.users["coordinator"])
    ui.login("coordinator").phone().goto(f"/exchange/uploads/{upload.pk}/")
    assert "Arket Indikatorer har 2 målinger af exit-indikatorer." in ui.page.content()
    ui.check()
    if SHOTS:
        ui.page.screenshot(path=f"{SHOTS}/exchange-preview-390.png", full_page=True)
        ui.page.set_viewport_size({"width": 1280, "height": 900})
        ui.page.screenshot(path=f"{SHOTS}/exchange-preview-1280.png", full_page=True)
