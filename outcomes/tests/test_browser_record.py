"""The exit indicator form on a phone: every question answered by tapping, saved, no axe findings."""

import os

import pytest

from outcomes.categories import INDICATORS
from outcomes.models import Measurement

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SCREENSHOTS")  # a folder: keep screenshots for a person to look at


def test_caseworker_records_the_indicators_on_a_phone(ui, world):
    ui.login("caseworker_a").phone().goto(f"/outcomes/courses/{world.course_a.code}/record/")
    ui.check()
    assert ui.page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    if SHOTS:
        ui.page.screenshot(path=f"{SHOTS}/outcomes-record-390.png", full_page=True)
    ui.page.fill("#id_measured_on", "2026-01-05")
    for indicator in INDICATORS:  # the first answer of each question, by its label
        ui.page.click(f"label[for=id_{indicator.field}_0]")
    ui.page.click("main button[type=submit]")
    ui.page.wait_for_load_state()
    saved = Measurement.objects.get(course=world.course_a)
    assert (saved.kind, saved.housing, saved.selling_sex) == ("start", "own_lease", "no")
    ui.check()  # the course page with the new section
    if SHOTS:
        ui.page.screenshot(path=f"{SHOTS}/outcomes-course-390.png", full_page=True)
        ui.page.set_viewport_size({"width": 1280, "height": 900})
        ui.goto(f"/outcomes/courses/{world.course_a.code}/record/")
        ui.page.screenshot(path=f"{SHOTS}/outcomes-record-1280.png", full_page=True)
