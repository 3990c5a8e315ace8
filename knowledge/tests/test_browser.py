"""In the browser: an author writes a module, a learner takes it on a phone, the network's meetings."""

import pytest

from accounts.models import Membership
from conftest import make_user
from knowledge.models import Attempt, Module

pytestmark = pytest.mark.browser


def test_author_writes_a_module_and_a_learner_completes_it_on_a_phone(ui, world):
    page = ui.page
    ui.login("coordinator").goto("/knowledge/")
    ui.check()
    page.click("text=Ny modul") if page.locator("text=Ny modul").count() else page.click("a[href='/knowledge/modules/new/']")
    page.fill("#id_title", "Svære samtaler")
    page.fill("#id_topics", "svære samtaler")
    ui.check()
    page.click("main button[type=submit]")
    module = Module.objects.get(title="Svære samtaler")
    for heading, body in [("At skabe ro", "**Ro** og forudsigelighed."), ("At lytte", "Lad borgeren vælge ordene.")]:
        page.click(f"a[href='/knowledge/modules/{module.pk}/sections/new/']")
        page.fill("#id_heading", heading)
        page.fill("#id_body", body)
        ui.check()
        page.click("main button[type=submit]")
    second = module.sections.get(position=2)
    page.click(f"a[href='/knowledge/sections/{second.pk}/questions/new/']")
    page.check("#id_kind_1")
    page.fill("#id_text", "Hvad hjælper mest?")
    page.fill("#id_choices", "Ro og tid\nMange spørgsmål")
    page.fill("#id_correct", "1")
    ui.check()
    page.click("main button[type=submit]")
    ui.check()
    page.click("main form[action$='/publish/'] button")
    module.refresh_from_db()
    assert module.is_published

    # A job-centre caseworker with only the learner role, on a phone.
    make_user("learner", (world.national, None, Membership.Role.LEARNER))
    page.context.clear_cookies()
    ui.phone().login("learner").goto(f"/knowledge/modules/{module.pk}/")
    ui.check()
    page.click(f"a[href='/knowledge/modules/{module.pk}/start/']")
    ui.check()
    page.check("input[name=rating][value='2']")
    page.click("main button[type=submit]")
    assert "At skabe ro" in page.inner_text("h1")
    assert page.inner_text("main strong") == "Ro"
    ui.check()
    page.click("button[name=then]")
    assert "At lytte" in page.inner_text("h1")
    page.check("text=Ro og tid")
    ui.check()
    page.click("main button[type=submit]")
    page.wait_for_selector("#answers")
    ui.check()
    page.click("#answers a.button")
    ui.check()
    page.check("input[name=rating][value='4']")
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert-success")
    ui.check()
    attempt = Attempt.objects.get(module=module, user__username="learner")
    assert (attempt.rating_before, attempt.rating_after, attempt.is_completed) == (2, 4, True)
    # Screenshot at phone width, for looking at (not committed).
    page.screenshot(path="/tmp/knowledge-phone.png", full_page=True)

    page.context.clear_cookies()
    ui.login("coordinator").goto("/knowledge/follow-up/")
    assert "Svære samtaler" in page.inner_text("main table")
    ui.check()


def test_a_network_meeting_with_an_action_carried_to_the_next(ui, world):
    page = ui.page
    ui.login("coordinator").goto("/knowledge/network/new/")
    ui.check()
    page.select_option("#id_project", str(world.project.pk))
    page.fill("#id_date", "2026-04-15")
    page.fill("#id_place", "Jobcentret")
    page.fill("#id_minutes", "Vi aftalte at invitere SIO.")
    page.fill(f"#id_org_{world.org_a.pk}", "2")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1")
    ui.check()
    page.click("a[href$='/actions/new/']")
    page.fill("#id_text", "Inviter SIO til personaledagen")
    page.fill("#id_owner", "Birgitte")
    page.fill("#id_due", "2027-03-01")
    ui.check()
    page.click("main button[type=submit]")
    ui.goto("/knowledge/network/new/")
    page.select_option("#id_project", str(world.project.pk))
    page.fill("#id_date", "2026-07-15")
    page.fill("#id_place", "Reden")
    page.click("main button[type=submit]")
    page.wait_for_selector("#carried")
    carried = page.inner_text("main")
    assert "Inviter SIO til personaledagen" in carried
    ui.check()
    ui.goto("/knowledge/network/year/2026/")
    ui.check()
    ui.goto("/knowledge/advisors/")
    ui.check()
    page.screenshot(path="/tmp/knowledge-year.png", full_page=True)
