"""The cost per outcome of a period of whole months is the same before and after courses are deleted
(retention ten years on, or a citizen's erasure): the counts add what deleted courses left
(rights.retained), as the project report does.

The expected figures are always the cost table itself taken before the deletion, for the project's
staff and for a reader outside; the deletions must take away courses that count in every figure.
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from budget import costs, forecast, spending
from budget.models import BudgetLine, Initiative
from courses import services as courses
from courses.models import Course
from exchange.services import import_registrations, import_who5
from exchange.tests.helpers import esbjerg_bytes
from outcomes.models import Measurement
from reports.selectors import project_report
from rights.models import RetainedCount
from rights.tests.test_retained_reports import measure_everyone
from wellbeing.models import Who5Response

TODAY = date(2026, 12, 7)
UNKNOWN = {"income": "unknown", "occupation": "unknown", "own_gp": "unknown", "health_contact": "unknown",
           "support": "unknown", "selling_sex": "unknown"}
YEAR_2022, YEAR_2023 = (date(2022, 1, 1), date(2022, 12, 31)), (date(2023, 1, 1), date(2023, 12, 31))


@pytest.fixture
def esbjerg_costs(world):
    """The Esbjerg set (88 courses 2021-2023, WHO-5 answers), exit indicators drawn for every course, and
    an initiative over 2022-2023 that spent money in both years."""
    import_registrations(project=world.project, data=esbjerg_bytes("registrering.xlsx"))
    import_who5(project=world.project, data=esbjerg_bytes("who5.csv"))
    measure_everyone(world.project)
    initiative = Initiative.objects.create(project=world.project, number=2, name="Esbjerg",
                                           start_date=YEAR_2022[0], end_date=YEAR_2023[1])
    for year, month, amount in [(2022, 3, "180000"), (2022, 9, "95000"), (2023, 2, "210000"), (2023, 11, "64000")]:
        line, _created = BudgetLine.objects.get_or_create(
            initiative=initiative, year=year, defaults={"text": "Løn", "committee": "SOC", "account": "32.10",
                                                        "finance_account": "3210-1", "amount": Decimal("600000")})
        spending.enter_spending(line=line, month=date(year, month, 1), kind="spent", amount=Decimal(amount),
                                by=world.users["coordinator"])
    return world


def _tables(project):
    figures = forecast.budget_figures(project.initiatives.all())
    return [costs.cost_per_outcome(project, figures, hide_small=hide, today=TODAY) for hide in (False, True)]


def _counts(table, period):
    [row] = [r for r in table.rows if r.initiative is not None and r.initiative.number == 2 and (r.start, r.end) == period]
    return {c.family: c.count for c in row.cells}


def test_retention_ten_years_later_leaves_every_cost_per_outcome_as_it_was(esbjerg_costs):
    project = esbjerg_costs.project
    # A course that ended in December 2022, measured and answered again after its end, in 2023: its
    # housing counts in 2022's figures, not in 2023's (not reached then); its WHO-5 rise in 2023's.
    course = courses.register_course(project=project, organisation=esbjerg_costs.org_a, start_date=date(2022, 5, 2),
                                     by=esbjerg_costs.users["coordinator"], age_at_start=30)
    courses.update_course(course=course, by=esbjerg_costs.users["coordinator"], end_date=date(2022, 12, 10),
                          end_reason="moved")
    for day, housing, score in [(date(2022, 5, 2), "street", 0), (date(2022, 11, 1), "shelter", 1),
                                (date(2023, 2, 1), "own_lease", 5)]:
        Measurement.objects.create(course=course, measured_on=day, kind="follow_up", housing=housing, **UNKNOWN)
        Who5Response.objects.create(course=course, answered_on=day, item1=score, item2=score, item3=score,
                                    item4=score, item5=score, mode="imported")
    before = _tables(project)
    exact = before[0]
    # Every figure has people in a year, and some cost is shown to a reader outside too.
    assert all(any(_counts(exact, period)[family] for period in (YEAR_2022, YEAR_2023)) for family in costs.FAMILIES), \
        [_counts(exact, period) for period in (YEAR_2022, YEAR_2023)]
    assert any(not c.hidden for r in before[1].rows for c in r.cells if c.count)
    ended = Course.objects.filter(project=project, end_date__isnull=False)
    # Something to lose in every figure: ended courses measured twice, and with WHO-5 answers.
    assert ended.count() == 77
    assert Measurement.objects.filter(course__in=ended).values("course").annotate(n=Count("pk")).filter(n__gte=2).count() > 10
    assert Who5Response.objects.filter(course__in=ended).exists()

    call_command("apply_retention", "--today", "2034-01-01", stdout=io.StringIO())

    assert not Course.objects.filter(project=project, end_date__isnull=False).exists()
    assert {"citizens", "indicator_pair", "who5_latest_risen"} <= set(
        RetainedCount.objects.filter(project=project, count__gt=0).values_list("measure", flat=True))
    after = _tables(project)
    assert after[0] == before[0]  # the project's staff: every count and cost exact
    # Citizens reached are the project report's citizens of the same period, deleted courses included.
    for period in (YEAR_2022, YEAR_2023, (YEAR_2022[0], YEAR_2023[1])):
        assert _counts(after[0], period)["reached"] == project_report(project, period[1], period[0])["citizens"]
    assert after[1] == before[1]  # outside the project: the same shown and the same hidden
    assert after[0].caveat == ""  # periods of whole months: nothing to say


def test_erasing_a_course_leaves_the_cost_per_outcome_unchanged(esbjerg_costs, client_as):
    project = esbjerg_costs.project
    # An open course counted in 2023: measured twice and answered WHO-5 twice in it, both rising.
    course = Course.objects.filter(project=project, end_date__isnull=True, start_date__lte=date(2023, 2, 10)).first()
    course.who5_responses.all().delete()
    course.measurements.all().delete()
    for day, housing, income, score in [(date(2023, 2, 10), "street", "none", 0), (date(2023, 9, 1), "own_lease", "wage", 5)]:
        Measurement.objects.create(course=course, measured_on=day, kind="follow_up",
                                   **{**UNKNOWN, "housing": housing, "income": income})
        Who5Response.objects.create(course=course, answered_on=day, item1=score, item2=score, item3=score,
                                    item4=score, item5=score, mode="imported")
    before = _tables(project)

    response = client_as("coordinator").post(reverse("rights_erase", args=[course.code]), {"confirm": course.code})
    assert response.status_code == 302
    assert not Course.objects.filter(pk=course.pk).exists()

    assert _tables(project) == before


def test_a_period_that_cuts_a_month_of_deleted_figures_says_so(world, client_as):
    """Deleted courses are kept by month: an initiative from 15 May counts May's for the whole month."""
    by = world.users["coordinator"]
    cut = Initiative.objects.create(project=world.project, number=2, name="Fra midt i maj", start_date=date(2026, 5, 15),
                                    end_date=date(2026, 12, 31))
    line = BudgetLine.objects.create(initiative=cut, text="Løn", committee="SOC", account="32.10",
                                     finance_account="3210-1", year=2026, amount=Decimal("100000"))
    spending.enter_spending(line=line, month=date(2026, 6, 1), kind="spent", amount=Decimal("20000"), by=by)
    course = courses.register_course(project=world.project, organisation=world.org_a, by=by, start_date=date(2026, 5, 4),
                                     age_at_start=30)
    assert _tables(world.project)[0].caveat == ""  # nothing deleted yet
    client_as("coordinator").post(reverse("rights_erase", args=[course.code]), {"confirm": course.code})

    table = _tables(world.project)[0]
    assert table.caveat == ("Forløb, der er slettet efter reglerne om opbevaring eller på borgerens anmodning, gemmes "
                            "som anonyme tal pr. måned, og maj–dec 2026 begynder eller slutter inde i sådan en måned: "
                            "deres tal i den tælles for hele måneden.")
    assert table.for_initiative(1).caveat == ""  # May-December: whole months
    assert table.for_initiative(2).caveat == table.caveat


def test_counts_kept_before_december_2026_are_named_not_silently_dropped(world):
    RetainedCount.objects.create(project=world.project, month=date(2026, 3, 1), measure="courses", count=2)
    spending.enter_spending(line=world.budget_line, month=date(2026, 6, 1), kind="spent", amount=Decimal("1000"),
                            by=world.users["coordinator"])
    table = _tables(world.project)[0]
    assert table.caveat == ("Forløb, der blev slettet før december 2026, er kun gemt som månedlige optællinger, som "
                            "disse tal ikke kan bruge; de mangler i dem.")
    assert table.for_initiative(1).caveat == table.caveat
