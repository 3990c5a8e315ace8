"""Break-glass in Chromium: found from the course list, the reason asked, the course opened with a
banner, and the coordinator's team meeting page; each page checked with axe-core, at phone width too."""

import pytest

from conftest import UI
from courses.models import BreakGlass
from tests.browser.session import sign_in

pytestmark = pytest.mark.browser


def test_a_caseworker_breaks_glass_and_the_coordinator_sees_it(ui, world, browser, live_server):
    code = world.course_a.code
    page = sign_in(ui, world.users["caseworker_b"]).page
    ui.goto(f"/courses/?q={code}")
    ui.check()
    page.get_by_role("link", name=f"Nødadgang til {code}").click()
    ui.check()
    page.get_by_role("button", name="Åbn forløbet").click()  # no reason yet
    assert page.evaluate("document.activeElement.id") == "error-summary"
    ui.check()
    page.fill("#id_reason", "Borgeren ringer om natten fra skadestuen, og Reden kan ikke nås")
    page.get_by_role("button", name="Åbn forløbet").click()
    assert page.url.endswith(f"/courses/{code}/")
    assert "Nødadgang indtil kl." in page.inner_text("main")
    ui.check()
    ui.phone()
    ui.goto(f"/courses/{code}/break-glass/")  # already open: straight to the course
    assert page.url.endswith(f"/courses/{code}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert BreakGlass.objects.count() == 1

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    coordinator = sign_in(UI(context.new_page(), live_server), world.users["coordinator"])
    coordinator.goto(f"/budget/{world.project.slug}/meeting/")
    section = coordinator.page.locator("#meeting-break-glass").inner_text()
    assert code in section
    assert "skadestuen" in section
    coordinator.check()
    context.close()


def test_the_reason_page_at_phone_width(ui, world):
    sign_in(ui, world.users["caseworker_b"]).phone()
    ui.goto(f"/courses/{world.course_a.code}/break-glass/")
    ui.check()
    assert ui.page.evaluate("document.documentElement.scrollWidth") <= 390
