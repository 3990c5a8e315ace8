"""The budget, initiative, import and team meeting pages in Chromium, checked with axe-core."""

from datetime import date
from decimal import Decimal

import pytest

from budget import forecast, spending

pytestmark = pytest.mark.browser


@pytest.fixture
def spent_in_may(world):
    spending.enter_spending(line=world.budget_line, month=date(2026, 5, 1), kind="spent", amount=Decimal("150000"),
                            by=world.users["coordinator"])
    return world


def test_the_coordinator_follows_the_budget_and_enters_spending(ui, spent_in_may):
    w = spent_in_may
    ui.login("coordinator").goto(f"/budget/{w.project.slug}/")
    assert "alert-warning" in ui.page.content()  # 150,000 a month passes 879,000
    ui.check()
    ui.goto(f"/budget/{w.project.slug}/initiatives/1/")
    ui.check()
    ui.goto(f"/budget/{w.project.slug}/initiatives/1/spending/")
    ui.check()
    ui.page.select_option("#id_month", "2026-06-01")
    ui.page.fill("#id_amount", "10.000,00")
    ui.page.click("main button[type=submit]")
    ui.page.wait_for_load_state()
    assert forecast.budget_figures([w.initiative])[0].spent == Decimal("160000")
    ui.phone().goto(f"/budget/{w.project.slug}/initiatives/1/import/")
    ui.check()


def test_the_team_meeting_page_on_a_phone(ui, world):
    ui.login("coordinator").phone().goto(f"/budget/{world.project.slug}/meeting/")
    assert world.course_a.code in ui.page.content()  # its referral is still waiting
    assert ui.page.is_visible(".js-print")
    ui.check()
