"""Budget, spent, committed and forecast per line and month; the warning when the forecast passes the budget."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget import forecast, money, spending
from budget.models import SpendingEntry


def _figures(world):
    return forecast.budget_figures([world.initiative])[0]


def _spend(world, month, amount, kind="spent"):
    return spending.enter_spending(line=world.budget_line, month=date(2026, month, 1), kind=kind,
                                   amount=Decimal(amount), by=world.users["coordinator"])


def test_with_nothing_booked_the_forecast_is_the_budget(world):
    figures = _figures(world)
    assert figures.budget == Decimal("879000")
    assert figures.forecast == Decimal("879000")
    assert len(figures.lines[0].months) == 8  # May-December
    assert not figures.over_budget


def test_entering_spending_moves_the_forecast(world):
    _spend(world, 5, "150000")
    figures = _figures(world)
    # May booked at 150,000; June-December at the run rate of 150,000 a month.
    assert figures.spent == Decimal("150000")
    assert figures.forecast == Decimal("1200000")
    assert figures.over_budget
    _spend(world, 6, "50000")
    # Two months booked, 200,000: the run rate falls to 100,000 a month.
    assert _figures(world).forecast == Decimal("800000")
    assert not _figures(world).over_budget


def test_a_month_without_spending_before_the_last_booked_counts_as_zero(world):
    _spend(world, 7, "300000")
    line = _figures(world).lines[0]
    assert [m.booked for m in line.months][:3] == [True, True, True]
    assert line.forecast == Decimal("300000") + 5 * Decimal("100000")


def test_commitments_replace_the_run_rate_in_later_months(world):
    _spend(world, 5, "100000")
    _spend(world, 12, "20000", kind="committed")
    line = _figures(world).lines[0]
    assert line.committed == Decimal("20000")
    assert line.months[-1].forecast == Decimal("20000")
    assert line.forecast == Decimal("100000") + 6 * Decimal("100000") + Decimal("20000")


def test_entering_a_month_again_replaces_it(world):
    _spend(world, 5, "100000")
    _spend(world, 5, "90000")
    assert SpendingEntry.objects.count() == 1
    assert _figures(world).spent == Decimal("90000")


def test_imported_and_entered_spending_add_up(world):
    _spend(world, 5, "1000")
    spending.import_finance_csv(initiative=world.initiative, filename="x.csv", by=world.users["coordinator"],
                                data=b"date;account;amount;text\n2026-05-20;3510-4201;250,50;x\n")
    assert _figures(world).spent == Decimal("1250.50")


def test_amounts_are_never_floats(world):
    with pytest.raises(TypeError):
        spending.enter_spending(line=world.budget_line, month=date(2026, 5, 1), kind="spent", amount=1000.0,
                                by=world.users["coordinator"])


def test_a_month_outside_the_period_is_refused(world):
    with pytest.raises(ValidationError):
        _spend(world, 4, "100")


def test_thousands_round_half_up_as_in_the_note():
    assert money.thousands(Decimal("424500")) == 425
    assert money.thousands(Decimal("724500")) == 725
    assert money.thousands(Decimal("424499.99")) == 424


def _warning(html: str) -> str | None:
    """The text of the page's over-budget warning, or None."""
    import re

    found = re.search(r'<div class="alert alert-warning.*?</div></div>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))).strip() if found else None


def test_the_page_warns_when_the_forecast_passes_the_budget(world, client_as):
    url = reverse("initiative_detail", args=[world.project.slug, 1])
    _spend(world, 5, "100000")  # 100,000 a month for May-December: 800,000 of 879,000
    assert _warning(client_as("coordinator").get(url).content.decode()) is None
    _spend(world, 5, "150000")  # entered again: replaces it; 1,200,000
    response = client_as("coordinator").get(url)
    assert response.context["figures"].over_budget
    assert _warning(response.content.decode()) == (
        "Prognosen overskrider budgettet Prognose 1.200 mod et budget på 879 tusind kr. "
        "Linjer over budget: To årsværk og en ladcykel (BIU 35.10)")
    assert 'id="months"' in response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in response.content.decode()  # the money chart


def test_the_coordinator_enters_spending_in_danish_notation(world, client_as):
    client = client_as("coordinator")
    url = reverse("spending_add", args=[world.project.slug, 1])
    response = client.post(url, {"line": world.budget_line.pk, "month": "2026-06-01", "kind": "spent",
                                 "amount": "12.500,75", "text": "Løn"})
    assert response.status_code == 302
    entry = SpendingEntry.objects.get()
    assert entry.amount == Decimal("12500.75") and entry.month == date(2026, 6, 1)


def test_a_malformed_amount_is_refused_by_the_form(world, client_as):
    url = reverse("spending_add", args=[world.project.slug, 1])
    response = client_as("coordinator").post(url, {"line": world.budget_line.pk, "month": "2026-06-01",
                                                   "kind": "spent", "amount": "tolv"})
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert not SpendingEntry.objects.exists()


def test_the_project_page_reads_the_budget_in_three_queries_whatever_its_size(world, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from budget.models import BudgetLine, Initiative

    client = client_as("coordinator")
    url = reverse("budget_project", args=[world.project.slug])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    _spend(world, 5, "100000")
    small = queries()
    # Three times the initiatives, lines and months booked.
    for number in (2, 3):
        initiative = Initiative.objects.create(project=world.project, number=number, name=f"Indsats {number}",
                                               start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))
        for account in ("3510-4201", "3510-4202"):
            line = BudgetLine.objects.create(initiative=initiative, text="Løn", committee="BIU", account="35.10",
                                             finance_account=account, year=2026, amount=Decimal("500000"))
            for month in range(1, 12):
                spending.enter_spending(line=line, month=date(2026, month, 1), kind="spent", amount=Decimal("1000"),
                                        by=world.users["coordinator"])
    for month in range(6, 12):
        _spend(world, month, "100000")
    large = queries()
    assert len(large) == len(small)
    budget_reads = [sql for sql in large if any(f'FROM "{table}"' in sql for table in (
        "budget_initiative", "budget_budgetline", "budget_spendingentry"))]
    assert len(budget_reads) == 3, budget_reads  # initiatives, their lines, the spending summed by line and month


def test_the_money_chart_writes_every_name_and_label_as_text_never_markup():
    from budget.charts import money_chart

    chart = money_chart('Løn <b>"&', ["maj", "<i>jun</i>"], [("Forbrug<script>alert(1)</script>", [10.0, None]),
                                                             ("Plan", [5.0, 20.0])])
    assert "<script>" not in chart and "<i>" not in chart and "<b>" not in chart
    assert "Forbrug&lt;script&gt;alert(1)&lt;/script&gt;" in chart
    assert "&lt;i&gt;jun&lt;/i&gt;" in chart
    assert '<title id="money-' in chart and "Løn &lt;b&gt;&quot;&amp;</title>" in chart
    # The last point of each line is labelled: 10 for the first (one point), 20 for the plan.
    assert chart.count('font-weight="bold"') == 2
