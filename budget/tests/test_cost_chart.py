"""The cost chart reads its figures as the cost table beside it does."""

from datetime import date
from decimal import Decimal

from django.utils import translation

from brobygger.disclosure import HIDDEN
from budget.charts import cost_chart
from budget.costs import Cell, Row


def test_a_cost_over_a_thousand_is_grouped_in_the_chart_as_in_the_table():
    row = Row(title="Alle indsatser samlet", initiative=None, start=date(2026, 5, 1), end=date(2026, 12, 31),
              spent=Decimal("2107.2"), ongoing=True,
              cells=[Cell("reached", 14, 150.5), Cell("better_income", 2, 1053.6), Cell("who5_risen", HIDDEN, HIDDEN)])
    with translation.override("da"):
        svg = str(cost_chart(row))
    assert ">1.053,6<" in svg
    assert ">150,5<" in svg
    assert "1053,6" not in svg
