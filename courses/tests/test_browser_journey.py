"""A caseworker's ordinary day in Chromium, every page checked with axe-core."""

import re
from types import SimpleNamespace

import pytest

from courses.models import Course, InterventionRecord, Referral
from tests.browser.session import sign_in

pytestmark = pytest.mark.browser


def test_caseworker_registers_a_course_records_work_and_shares_it(ui, world, browser):
    page = sign_in(ui, world.users["caseworker_a"]).page
    ui.goto("/")
    ui.check()

    # Register a course; a first try with an age under 18 is refused with an explanation.
    page.get_by_role("link", name="Opret et forløb").first.click()
    page.get_by_label("Kvinde").check()
    page.fill("#id_age_at_start", "16")
    page.get_by_role("button", name="Opret").click()
    summary = page.locator("#error-summary")
    assert "Brobygger er for voksne" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    ui.check()
    page.fill("#id_age_at_start", "31")
    page.fill("#id_project_ref", "R-1001")
    page.get_by_role("button", name="Opret").click()
    course = Course.objects.get(project_ref="R-1001")
    assert page.url.endswith(f"/courses/{course.code}/")
    assert f"Forløbet {course.code} er oprettet" in page.inner_text("main")
    ui.check()

    # Two interventions and a referral.
    for intervention, note in ((world.counselling, "Samtale om bolig"), (world.therapy, "")):
        page.get_by_role("link", name="Registrér en indsats").click()
        page.select_option("#id_intervention", str(intervention.pk))
        page.fill("#id_note", note)
        ui.check()
        page.get_by_role("button", name="Registrér").click()
        assert "Indsatsen er registreret" in page.inner_text("main")
    page.get_by_role("link", name="Registrér en henvisning").click()
    page.select_option("#id_target", "housing")
    page.fill("#id_service_name", "Boligkontoret")
    ui.check()
    page.get_by_role("button", name="Registrér").click()
    assert InterventionRecord.objects.filter(course=course).count() == 2
    assert Referral.objects.get(course=course).service_name == "Boligkontoret"
    interventions = page.inner_text("#interventions")
    assert "Rådgivning" in interventions and "Individuel terapi" in interventions
    ui.check()

    # Find it again in the list by its id.
    page.get_by_role("link", name="Forløb", exact=True).first.click()
    page.fill("#id_q", course.code)
    page.get_by_role("button", name="Filtrér").click()
    assert re.search(r"1 forløb", page.inner_text("caption"))
    assert page.get_by_role("link", name=course.code).is_visible()
    ui.check()

    # The caseworker of the other organisation gets 404 until consent shares the course.
    other_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    sign_in(SimpleNamespace(page=other, base=ui.base), world.users["caseworker_b"])
    assert other.goto(ui.url(f"/courses/{course.code}/")).status == 404
    page.goto(ui.url(f"/courses/{course.code}/"))
    page.get_by_role("link", name="Registrér samtykke").click()
    page.select_option("#id_organisation", str(world.org_b.pk))
    page.get_by_label("Partneren må se og tilføje til forløbet").check()
    ui.check()
    page.get_by_role("button", name="Registrér").click()
    assert "Samtykket er registreret" in page.inner_text("main")
    assert other.goto(ui.url(f"/courses/{course.code}/")).status == 200
    other_context.close()


def test_the_course_page_works_at_phone_width(ui, world):
    sign_in(ui, world.users["caseworker_a"]).phone()
    ui.goto(f"/courses/{world.course_a.code}/")
    ui.check()
    # Nothing is wider than the screen: no sideways scrolling at 390 px.
    assert ui.page.evaluate("document.documentElement.scrollWidth") <= 390
    # The menu is folded away behind its button.
    toggle = ui.page.locator("summary", has_text="Menu")
    assert toggle.is_visible()
    toggle.click()
    assert ui.page.get_by_role("link", name="Forløb", exact=True).first.is_visible()
