"""Cost next to outcome (budget.costs): figures checked against a small set counted by hand.

The initiative runs from 1 November 2025 to 30 June 2026: the periods are Nov-Dec 2025, Jan-Jun
2026 and the whole period. Courses of the world's project (dates in brackets: start-end):

    course_a (2026-01-05-), course_b (2026-02-01-)   no measurements
    c1 (2025-11-10 - 2025-12-20)  indicators 11-10 street/none -> 12-15 shelter/none (housing better)
                                  WHO-5 11-10 20 -> 12-15 40 (+20)
    c2 (2025-06-01-)              indicators 06-01 sublet/cash benefit -> 2026-02-01 sublet/wage (income better)
                                  WHO-5 06-01 60 -> 11-20 64 -> 2026-03-01 72 (+12 by March, +4 by December)
    c3 (2026-01-10-)              indicators 01-10 family/cash benefit -> 04-01 shelter/sickness benefit
                                  (housing worse, income the same rank); one WHO-5
    c4 (2025-12-01 - 2026-01-31)  indicators 12-01 unknown/unknown -> 01-20 own lease/wage (not comparable)
                                  WHO-5 12-01 80 -> 01-20 88 (+8)
    c5 (2025-03-01 - 2025-10-31)  ended before the initiative: indicators street -> own lease, never counted
    c7 (2025-06-01-)              indicators street -> own lease and WHO-5 20 -> 40, both by 2025-08-01:
                                  reached, but nothing measured in the initiative's periods
    c6, another project           indicators and WHO-5 that rise: never counted

By hand:                 Nov-Dec 2025   Jan-Jun 2026   whole
    reached              c1 c2 c4 c7 = 4   a b c2 c3 c4 c7 = 6   a b c1 c2 c3 c4 c7 = 7
    two measurements     c1 = 1         c2 c3 c4 = 3       4
    better housing       c1 = 1         0                  1
    better income        0              c2 = 1             1
    WHO-5 +10            c1 = 1         c2 = 1             2
    money spent          60,000         121,000            181,000
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from brobygger.disclosure import HIDDEN
from budget import costs, forecast, spending
from budget.models import BudgetLine, Initiative
from courses import services as courses
from outcomes.categories import Kind
from outcomes.services import record_measurement
from wellbeing.services import record_who5

P1, P2, WHOLE = (date(2025, 11, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 6, 30)), \
    (date(2025, 11, 1), date(2026, 6, 30))
TODAY = date(2026, 12, 7)


def _indicators(course, on, kind, housing, income, by):
    answers = {"housing": housing, "income": income, "occupation": "unknown", "own_gp": "unknown",
               "health_contact": "unknown", "support": "unknown", "selling_sex": "unknown"}
    return record_measurement(course=course, by=by, measured_on=on, kind=kind, answers=answers, today=TODAY)


def _who5(course, on, items, by):
    # Stored as the import stores history: the courses below are registered already ended, and a
    # worker records no WHO-5 on an ended course (wellbeing.services.check_open).
    return record_who5(course=course, answers=items, language="da", by=by, on=on, mode="imported")


@pytest.fixture
def cost_world(world):
    w = world
    w.initiative.delete()  # the set below is the project's only initiative
    by, org = w.users["coordinator"], w.lead
    w.cost_initiative = Initiative.objects.create(project=w.project, number=2, name="Opfølgning",
                                                  start_date=WHOLE[0], end_date=WHOLE[1])
    line_2025 = BudgetLine.objects.create(initiative=w.cost_initiative, text="Løn", committee="SOC", account="32.10",
                                          finance_account="3210-1", year=2025, amount=Decimal("100000"))
    line_2026 = BudgetLine.objects.create(initiative=w.cost_initiative, text="Løn", committee="SOC", account="32.10",
                                          finance_account="3210-1", year=2026, amount=Decimal("300000"))
    for line, month, amount in [(line_2025, date(2025, 11, 1), "30000"), (line_2025, date(2025, 12, 1), "30000"),
                                (line_2026, date(2026, 1, 1), "50000"), (line_2026, date(2026, 3, 1), "71000")]:
        spending.enter_spending(line=line, month=month, kind="spent", amount=Decimal(amount), by=by)
    spending.enter_spending(line=line_2026, month=date(2026, 4, 1), kind="committed", amount=Decimal("99000"), by=by)

    def course(start, end=None, project=None):
        c = courses.register_course(project=project or w.project, organisation=org if project is None else w.national,
                                    by=by, start_date=start, gender="woman", age_at_start=30)
        return courses.update_course(course=c, by=by, end_date=end, end_reason="moved") if end else c

    c1 = course(date(2025, 11, 10), date(2025, 12, 20))
    _indicators(c1, date(2025, 11, 10), Kind.START, "street", "none", by)
    _indicators(c1, date(2025, 12, 15), Kind.FOLLOW_UP, "shelter", "none", by)
    _who5(c1, date(2025, 11, 10), [1, 1, 1, 1, 1], by)
    _who5(c1, date(2025, 12, 15), [2, 2, 2, 2, 2], by)
    c2 = course(date(2025, 6, 1))
    _indicators(c2, date(2025, 6, 1), Kind.START, "sublet", "cash_benefit", by)
    _indicators(c2, date(2026, 2, 1), Kind.FOLLOW_UP, "sublet", "wage", by)
    _who5(c2, date(2025, 6, 1), [3, 3, 3, 3, 3], by)
    _who5(c2, date(2025, 11, 20), [4, 3, 3, 3, 3], by)
    _who5(c2, date(2026, 3, 1), [4, 4, 4, 3, 3], by)
    c3 = course(date(2026, 1, 10))
    _indicators(c3, date(2026, 1, 10), Kind.START, "family", "cash_benefit", by)
    _indicators(c3, date(2026, 4, 1), Kind.FOLLOW_UP, "shelter", "sickness", by)
    _who5(c3, date(2026, 1, 10), [1, 1, 1, 1, 1], by)
    c4 = course(date(2025, 12, 1), date(2026, 1, 31))
    _indicators(c4, date(2025, 12, 1), Kind.START, "unknown", "unknown", by)
    _indicators(c4, date(2026, 1, 20), Kind.END, "own_lease", "wage", by)
    _who5(c4, date(2025, 12, 1), [4, 4, 4, 4, 4], by)
    _who5(c4, date(2026, 1, 20), [5, 5, 4, 4, 4], by)
    c5 = course(date(2025, 3, 1), date(2025, 10, 31))
    _indicators(c5, date(2025, 3, 1), Kind.START, "street", "none", by)
    _indicators(c5, date(2025, 10, 1), Kind.FOLLOW_UP, "own_lease", "wage", by)
    c7 = course(date(2025, 6, 1))
    _indicators(c7, date(2025, 6, 1), Kind.START, "street", "none", by)
    _indicators(c7, date(2025, 8, 1), Kind.FOLLOW_UP, "own_lease", "wage", by)
    _who5(c7, date(2025, 6, 1), [1, 1, 1, 1, 1], by)
    _who5(c7, date(2025, 8, 1), [2, 2, 2, 2, 2], by)
    c6 = course(date(2025, 11, 1), project=w.other_project)
    _indicators(c6, date(2025, 11, 2), Kind.START, "street", "none", by)
    _indicators(c6, date(2026, 2, 2), Kind.FOLLOW_UP, "own_lease", "wage", by)
    _who5(c6, date(2025, 11, 2), [0, 0, 0, 0, 0], by)
    _who5(c6, date(2026, 2, 2), [5, 5, 5, 5, 5], by)
    return w


def _table(w, *, hide_small):
    figures = forecast.budget_figures(w.project.initiatives.all())
    return costs.cost_per_outcome(w.project, figures, hide_small=hide_small, today=TODAY)


def _cells(row):
    return {c.family: (c.count, c.cost) for c in row.cells}


def test_the_periods_are_the_calendar_years_cut_to_the_initiative_then_the_whole():
    assert costs.periods_of(*WHOLE) == [P1, P2, WHOLE]
    assert costs.periods_of(date(2026, 5, 1), date(2026, 12, 31)) == [(date(2026, 5, 1), date(2026, 12, 31))]


def test_the_counts_are_those_counted_by_hand(cost_world, django_assert_num_queries):
    # One per figure family of the courses still here, one for what deleted ones left; however many
    # courses and periods.
    with django_assert_num_queries(4):
        found = costs.outcome_counts(cost_world.project, [P1, P2, WHOLE])
    assert found == {
        P1: {"reached": 4, "compared": 1, "better_housing": 1, "better_income": 0, "who5_risen": 1},
        P2: {"reached": 6, "compared": 3, "better_housing": 0, "better_income": 1, "who5_risen": 1},
        WHOLE: {"reached": 7, "compared": 4, "better_housing": 1, "better_income": 1, "who5_risen": 2},
    }


def test_the_project_staff_see_every_cost_exact_in_thousands_rounded_half_up(cost_world):
    table = _table(cost_world, hide_small=False)
    mine = [r for r in table.rows if r.initiative == cost_world.cost_initiative]
    assert [(r.start, r.end, r.spent) for r in mine] == [(*P1, Decimal("60000")), (*P2, Decimal("121000")),
                                                         (*WHOLE, Decimal("181000"))]
    assert _cells(mine[0]) == {"reached": (4, 15.0), "compared": (1, 60.0), "better_housing": (1, 60.0),
                               "better_income": (0, None), "who5_risen": (1, 60.0)}
    assert _cells(mine[1]) == {"reached": (6, 20.2), "compared": (3, 40.3), "better_housing": (0, None),
                               "better_income": (1, 121.0), "who5_risen": (1, 121.0)}
    # 181 / 4 = 45.25 and 181 / 2 = 90.5: half up.
    assert _cells(mine[2]) == {"reached": (7, 25.9), "compared": (4, 45.3), "better_housing": (1, 181.0),
                               "better_income": (1, 181.0), "who5_risen": (2, 90.5)}
    # One initiative: all of them together are the same money and the same people.
    assert [_cells(r) for r in table.together] == [_cells(r) for r in mine]


def test_outside_the_project_small_counts_and_their_costs_are_hidden(cost_world):
    table = _table(cost_world, hide_small=True)
    first, second, whole = [r for r in table.rows if r.initiative == cost_world.cost_initiative]
    # No one gives no one away: a count of 0 is shown (and has no cost).
    assert _cells(first) == {**dict.fromkeys(costs.FAMILIES, (HIDDEN, HIDDEN)), "better_income": (0, None)}
    # Jan-Jun 2026 reached 6 people: shown, with its cost. The whole period shares its days with
    # Nov-Dec 2025, whose 4 are hidden: its count is hidden too, so no difference gives them away.
    assert _cells(second) == {"reached": (6, 20.2), "compared": (HIDDEN, HIDDEN), "better_housing": (0, None),
                              "better_income": (HIDDEN, HIDDEN), "who5_risen": (HIDDEN, HIDDEN)}
    assert _cells(whole) == dict.fromkeys(costs.FAMILIES, (HIDDEN, HIDDEN))
    # No sentence about few people may name a hidden count.
    assert table.notes == [(P2, "Borgere nået, jan–jun 2026: kun 6: én mere ville gøre hver pris 14 % lavere, "
                                "én færre 20 % højere.")]


def test_a_count_hidden_to_protect_an_implicit_one_and_the_overlapping_counts_are_hidden():
    y1, y2, whole = (date(2026, 1, 1), date(2026, 12, 31)), (date(2027, 1, 1), date(2027, 12, 31)), \
        (date(2026, 1, 1), date(2027, 12, 31))
    counts = {
        y1: {"reached": 20, "compared": 8, "better_housing": 3, "better_income": 0, "who5_risen": 6},  # 3: hidden
        # 6 better of 10 compared leaves 4 compared who did not move to better: 6 is hidden so 4 cannot be worked out.
        y2: {"reached": 20, "compared": 10, "better_housing": 6, "better_income": 5, "who5_risen": 0},
        # 9 better over both years is shown nowhere: less y1's or y2's, it gives the other.
        whole: {"reached": 30, "compared": 15, "better_housing": 9, "better_income": 5, "who5_risen": 6},
    }
    assert costs.hidden_counts(counts) == {(y1, "better_housing"), (y2, "better_housing"), (whole, "better_housing")}


def test_the_uncertainty_in_words_when_few():
    from django.utils import translation

    assert costs.uncertainty(5) == "kun 5: én mere ville gøre hver pris 17 % lavere, én færre 25 % højere."
    with translation.override("en"):
        _uncertainty_in_english()


def _uncertainty_in_english():
    assert costs.uncertainty(5) == "only 5: one more would make each cost 17 % lower, one fewer 25 % higher."
    assert costs.uncertainty(19) == "only 19: one more would make each cost 5 % lower, one fewer 6 % higher."
    assert costs.uncertainty(1) == "only one: the figure says little on its own."
    assert costs.uncertainty(20) == ""
    assert costs.uncertainty(0) == ""
    assert costs.uncertainty(HIDDEN) == ""


def test_nothing_spent_or_no_one_gives_no_cost():
    assert costs.cost_per(Decimal("0"), 4) is None
    assert costs.cost_per(Decimal("1000"), 0) is None


def _rows(html: str) -> dict:
    """The cost table as {row heading: {column: cell text}}, read from the page's markup."""
    table = html[html.index('class="table table--compact table--responsive-headers cost-table"'):]
    table = table[:table.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]:
        heading = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)).strip()
        rows[heading] = {title: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()
                         for title, text in re.findall(r'<td[^>]*data-title="([^"]+)">(.*?)</td>', row, re.S)}
    return rows


def test_the_budget_page_shows_the_coordinator_every_cost(cost_world, client_as):
    html = client_as("coordinator").get(reverse("budget_project", args=[cost_world.project.slug])).content.decode()
    rows = _rows(html)
    assert rows["2. Opfølgning, jan–jun 2026"] == {
        "Forbrugt": "121,0", "Pr. borger nået": "20,2 (6)", "Pr. forløb med to målinger": "40,3 (3)",
        "Pr. borger i bedre bolig": "– (0)", "Pr. borger i bedre forsørgelse": "121,0 (1)",
        "Pr. WHO-5-stigning på 10 point eller mere": "121,0 (1)",
    }
    assert '<figure class="chart cost-chart"><svg' in html


def test_the_budget_page_hides_small_counts_from_the_analyst(cost_world, client_as):
    html = client_as("analyst").get(reverse("budget_project", args=[cost_world.project.slug])).content.decode()
    row = _rows(html)["2. Opfølgning, jan–jun 2026"]
    assert row["Pr. borger nået"] == "20,2 (6)"
    assert row["Pr. forløb med to målinger"] == "skjult"
    assert "40,3" not in html  # the cost would give the hidden 3 back: 121,000 DKK spent is on the page


def test_the_committee_pdf_hides_small_counts_even_for_the_coordinator(cost_world, client_as, monkeypatch):
    from budget import views

    rendered = {}
    real = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda t, c, **kw: rendered.update(c) or real(t, c, **kw))
    response = client_as("coordinator").get(reverse("committee_status", args=[cost_world.project.slug, 2]))
    assert response.status_code == 200
    rows = rendered["costs"].rows
    assert [(r.start, r.end) for r in rows] == [P1, P2, WHOLE]  # this initiative's rows only
    assert _cells(rows[1])["compared"] == (HIDDEN, HIDDEN)
    assert _cells(rows[1])["reached"] == (6, 20.2)
    assert rendered["cost_chart"] == ""  # the chart of all initiatives together is in the project's PDF
