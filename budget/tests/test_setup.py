"""The coordinator sets up initiatives and their budget lines."""

from decimal import Decimal

from django.urls import reverse

from budget.models import BudgetLine, Initiative


def test_the_coordinator_creates_an_initiative_with_the_next_number(world, client_as):
    response = client_as("coordinator").post(reverse("initiative_create", args=[world.project.slug]), {
        "name": "Erhvervsrettede kurser", "goal": "Viden om regler for selvstændige.",
        "start_date": "2026-05-01", "end_date": "2026-12-31",
    })
    initiative = Initiative.objects.get(name="Erhvervsrettede kurser")
    assert initiative.number == 2 and initiative.project == world.project
    assert response.status_code == 302


def test_a_budget_line_amount_is_a_decimal_typed_the_danish_way(world, client_as):
    url = reverse("budget_line_create", args=[world.project.slug, 1])
    client_as("coordinator").post(url, {"text": "Kursusmateriale", "committee": "BIU", "account": "35.10",
                                        "finance_account": "3510-4999", "kind": "service", "year": "2026",
                                        "amount": "12.500,50"})
    assert BudgetLine.objects.get(finance_account="3510-4999").amount == Decimal("12500.50")


def test_a_second_line_on_the_same_account_and_year_is_refused(world, client_as):
    url = reverse("budget_line_create", args=[world.project.slug, 1])
    response = client_as("coordinator").post(url, {"text": "Igen", "committee": "BIU", "account": "35.10",
                                                   "finance_account": "3510-4201", "kind": "service",
                                                   "year": "2026", "amount": "1"})
    assert response.status_code == 200
    assert "finance_account" in response.context["form"].errors
    assert BudgetLine.objects.count() == 1


def test_a_line_for_a_year_outside_the_period_is_refused(world, client_as):
    url = reverse("budget_line_create", args=[world.project.slug, 1])
    response = client_as("coordinator").post(url, {"text": "2027", "committee": "BIU", "account": "35.10",
                                                   "finance_account": "x", "kind": "service", "year": "2027",
                                                   "amount": "1"})
    assert "year" in response.context["form"].errors
