"""Reports of a period that ended before a retention run or an erasure do not change after it.

The expected figures are always the report's own, taken before the deletion, in every form
a reader gets it: JSON, the Excel workbook, the cross-project view, the budget indicators.
"""

import io
import json
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from brobygger import indicators
from courses import services as courses
from courses.models import Course, Referral
from exchange.services import import_registrations, import_who5
from exchange.tests.helpers import ESBJERG, esbjerg_bytes
from outcomes.categories import INDICATORS
from outcomes.models import Measurement
from reports.selectors import gather
from rights.models import RetainedCount
from wellbeing.models import Who5Response

# Periods of whole months, with and without a start; the first two cut through courses that
# were still open then (their length counts up to the report date) and leave out ones that
# had ended before the start.
BUDGET_INDICATORS = ("courses_registered", "referrals_started", "who5_response_rate", "who5_paired_change")
BUDGET_PERIODS = [(date(2022, 1, 1), date(2023, 6, 30)), (date(2022, 3, 1), date(2022, 8, 31)),
                  (date(2023, 1, 1), date(2023, 11, 30))]
PERIODS = [("", "2023-11-30"), ("2022-07-01", "2023-06-30"), ("2023-03-01", "2023-11-30"), ("", "2022-01-31")]


def measure_everyone(project):
    """Exit indicator measurements for the project's courses, drawn from a fixed seed: none to four
    per course, some in one month, some after the course's end (the report counts those too)."""
    import random

    rng = random.Random(16)  # noqa: S311  # test data, not security
    rows = []
    for course in project.courses.order_by("pk"):
        span = ((course.end_date or date(2023, 11, 30)) - course.start_date).days + 1
        if span <= 0:
            continue  # the world's own courses, started later
        days = sorted(rng.sample(range(span), k=min(span, rng.choice([0, 1, 2, 2, 3, 4]))))
        if days and course.end_date and rng.random() < 0.15:
            days.append(days[-1] + 60)
        for n, offset in enumerate(days):
            kind = "start" if n == 0 else "end" if n == len(days) - 1 and n > 1 and rng.random() < 0.5 else "follow_up"
            rows.append(Measurement(course=course, measured_on=course.start_date + timedelta(days=offset), kind=kind,
                                    **{i.field: rng.choice(i.choices.values) for i in INDICATORS}))
    Measurement.objects.bulk_create(rows)


@pytest.fixture
def esbjerg(world):
    import_registrations(project=world.project, data=esbjerg_bytes("registrering.xlsx"))
    import_who5(project=world.project, data=esbjerg_bytes("who5.csv"))
    measure_everyone(world.project)
    return world


def _query(period_start, as_of):
    return f"?as_of={as_of}" + (f"&period_start={period_start}" if period_start else "")


def _json(client, period_start, as_of):
    response = client.get(reverse("project_report_json", args=["exit"]) + _query(period_start, as_of))
    assert response.status_code == 200
    return json.loads(response.content)


def _workbook(client, period_start, as_of):
    response = client.get(reverse("project_report_xlsx", args=["exit"]) + _query(period_start, as_of))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book}


def _everything(client, world):
    return {
        "json": [_json(client, *period) for period in PERIODS],
        "excel": [_workbook(client, *period) for period in PERIODS[:2]],
        "compare": client.get(reverse("report_compare") + "?as_of=2023-11-30").context["reports"],
        "budget": [indicators.compute(key, world.project, start, end) for key in BUDGET_INDICATORS
                   for start, end in BUDGET_PERIODS],
    }


def test_retention_ten_years_later_leaves_every_past_report_as_it_was(esbjerg, client_as):
    started = Referral.objects.filter(course__project=esbjerg.project, course__end_date__lt=date(2023, 1, 1))
    Referral.objects.filter(pk__in=list(started.values_list("pk", flat=True)[:6])).update(
        status="started", status_changed_on=date(2022, 6, 15))
    client = client_as("analyst")
    before = _everything(client, esbjerg)
    assert before["json"][0]["citizens"] == 88  # the set's own courses; the world's start in 2026
    per_indicator = [before["budget"][i:i + len(BUDGET_PERIODS)] for i in range(0, len(before["budget"]),
                                                                               len(BUDGET_PERIODS))]
    assert all(any(values) for values in per_indicator), per_indicator  # something to lose for each
    ended = Course.objects.filter(project=esbjerg.project, end_date__isnull=False).count()

    call_command("apply_retention", "--today", "2034-01-01", stdout=io.StringIO())

    assert Course.objects.filter(project=esbjerg.project).count() == 88 + 2 - ended  # the open ones stay
    assert ended == 76 and not Who5Response.objects.filter(course__end_date__isnull=False).exists()
    after = _everything(client, esbjerg)
    for key in before:
        assert after[key] == before[key], key
    assert "caveats" not in after["json"][0]


def test_erasing_a_course_leaves_the_published_periods_report_unchanged(esbjerg, client_as):
    # An open course with interventions and WHO-5 answers after the period's end as well as in it.
    course = Course.objects.filter(project=esbjerg.project, end_date__isnull=True, project_ref__startswith="ESB")
    course = course.filter(who5_responses__isnull=False, interventions__isnull=False).distinct().first()
    courses.record_intervention(course=course, intervention=esbjerg.counselling, organisation=esbjerg.org_a,
                                by=esbjerg.users["coordinator"], on=date(2024, 2, 1))
    Who5Response.objects.create(course=course, answered_on=date(2024, 3, 1), item1=5, item2=5, item3=5, item4=5,
                                item5=5, mode="imported")
    # Exit indicators measured in the period and after it.
    for day, kind, housing in [(date(2023, 2, 10), "start", "shelter"), (date(2023, 9, 1), "follow_up", "sublet"),
                               (date(2024, 2, 20), "follow_up", "own_lease")]:
        Measurement.objects.create(course=course, measured_on=day, kind=kind,
                                   **{i.field: "unknown" for i in INDICATORS[1:]}, housing=housing)
    periods = [*PERIODS, ("2024-01-01", "2024-03-31")]
    before = [_json(client_as("analyst"), *period) for period in periods]
    staff_before = [_json(client_as("coordinator"), *period)["exit_indicators"] for period in periods]

    coordinator = client_as("coordinator")
    response = coordinator.post(reverse("rights_erase", args=[course.code]), {"confirm": course.code})
    assert response.status_code == 302
    assert not Course.objects.filter(pk=course.pk).exists()

    assert [_json(client_as("coordinator"), *period)["exit_indicators"] for period in periods] == staff_before
    assert [_json(client_as("analyst"), *period) for period in periods] == before


def test_the_exit_indicators_paired_change_is_unchanged_after_retention(esbjerg, client_as):
    """Exact figures (the project's own staff), every period of whole months."""
    client = client_as("coordinator")
    before = [_json(client, *period)["exit_indicators"] for period in PERIODS]
    ended_and_paired = (Measurement.objects.filter(course__project=esbjerg.project, course__end_date__isnull=False)
                        .values("course").annotate(n=Count("pk")).filter(n__gte=2).count())
    assert ended_and_paired > 10 and before[0]["paired"] > ended_and_paired  # something to lose, and some stay
    call_command("apply_retention", "--today", "2034-01-01", stdout=io.StringIO())
    assert not Measurement.objects.filter(course__end_date__isnull=False).exists()
    assert [_json(client, *period)["exit_indicators"] for period in PERIODS] == before


def test_an_erased_courses_exit_indicators_by_hand(world):
    """One course, measured four times (twice in April): the latest answer up to each report date,
    counted by hand from the dates, before and after the course is erased."""
    course = courses.register_course(project=world.project, organisation=world.org_a, by=world.users["coordinator"],
                                     start_date=date(2020, 1, 10), age_at_start=30)
    courses.update_course(course=course, by=world.users["coordinator"], end_date=date(2020, 12, 20),
                          end_reason="moved")
    for day, kind, housing in [(date(2020, 1, 10), "start", "street"), (date(2020, 4, 15), "follow_up", "shelter"),
                               (date(2020, 4, 25), "follow_up", "sublet"), (date(2020, 8, 5), "end", "own_lease")]:
        Measurement.objects.create(course=course, measured_on=day, kind=kind, housing=housing,
                                   **{i.field: "unknown" for i in INDICATORS[1:]})
    periods = [(None, date(2020, 3, 31)), (None, date(2020, 4, 30)), (date(2020, 5, 1), date(2020, 7, 31)),
               (None, date(2020, 8, 31)), (date(2021, 1, 1), date(2021, 3, 31))]

    def housing_moves():
        found = []
        for start, end in periods:
            change = gather(world.project, end, start).exit_indicators
            table = change["indicators"]["housing"]["transitions"]
            found.append((change["paired"], sorted((a, b, n) for a, row in table.items() for b, n in row.items() if n)))
        return found

    expected = [(0, []), (1, [("street", "sublet", 1)]), (1, [("street", "sublet", 1)]),
                (1, [("street", "own_lease", 1)]), (0, [])]
    assert housing_moves() == expected
    call_command("apply_retention", "--today", "2026-12-01", stdout=io.StringIO())
    assert not Course.objects.filter(pk=course.pk).exists()
    assert housing_moves() == expected
    kept = RetainedCount.objects.filter(project=world.project, measure="indicator_pair")
    assert {r.category.split(":")[0] for r in kept} == {i.field for i in INDICATORS}  # one indicator a row


def test_a_period_that_cuts_a_month_of_deleted_figures_says_so(esbjerg, client_as):
    call_command("apply_retention", "--today", "2034-01-01", stdout=io.StringIO())
    client = client_as("coordinator")
    whole = _json(client, "", "2023-06-30")
    assert "caveats" not in whole
    cut = _json(client, "", "2023-06-15")  # courses that ended in June 2023 are kept by month
    assert len(cut["caveats"]) == 1 and "hele måneder" in cut["caveats"][0]
    page = client.get(reverse("project_report", args=["exit"]) + "?as_of=2023-06-15").content.decode()
    assert cut["caveats"][0].split(".")[0] in page


def test_counts_kept_before_this_version_are_named_not_silently_dropped(world, client_as):
    RetainedCount.objects.create(project=world.project, month=date(2018, 3, 1), measure="courses", count=2)
    report = _json(client_as("coordinator"), "", "2026-06-30")
    assert report["citizens"] == 2  # the world's own; the old rows cannot say which periods they belong to
    assert len(report["caveats"]) == 1 and "december 2026" in report["caveats"][0]


def test_no_row_kept_for_an_erased_course_describes_it_alone(world, client_as):
    """Each row counts one figure under one category: nothing joins the erased person's gender to their age."""
    client_as("coordinator").post(reverse("rights_erase", args=[world.course_b.code]), {"confirm": world.course_b.code})
    rows = RetainedCount.objects.filter(project=world.project)
    assert {(r.measure, r.category) for r in rows if r.measure in ("gender", "age")} == {("gender", "man"),
                                                                                       ("age", "36-45")}
    assert all(r.category in ("", "man", "36-45", "missed", "missed_prev") for r in rows)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_as_in_production_the_report_is_unchanged_too():
    """No test transaction around it: the report opens its own (reports.selectors.one_snapshot), and
    after retention the figures deleted courses left still give the same reports."""
    from projects.models import Project

    out = io.StringIO()
    call_command("create_project", "esbjerg", "--name", "Reden Esbjerg", stdout=out)
    call_command("import_registrations", "esbjerg", str(ESBJERG / "registrering.xlsx"), stdout=out)
    call_command("import_who5", "esbjerg", str(ESBJERG / "who5.csv"), stdout=out)

    def reports_now():
        found = []
        for period_start, as_of in PERIODS:
            out = io.StringIO()
            args = ["project_report", "esbjerg", "--as-of", as_of] + (["--from", period_start] if period_start else [])
            call_command(*args, stdout=out)
            found.append(json.loads(out.getvalue()))
            found.append(gather(project, date.fromisoformat(as_of),  # the exit indicators' pairs
                                date.fromisoformat(period_start) if period_start else None).exit_indicators)
        return found

    project = Project.objects.get(slug="esbjerg")
    measure_everyone(project)
    before = reports_now()
    assert before[0]["who5"]["rounds"][0]["n"] > 10
    assert before[1]["paired"] > 10
    call_command("apply_retention", "--today", "2034-01-01", stdout=io.StringIO())
    assert Course.objects.count() == 12
    assert reports_now() == before


def test_a_follow_up_missed_at_a_months_end_counts_for_the_month_it_was_due_in(world):
    """Due 20 March, missed: it counts as due from 3 April, when its two weeks are over. A period
    starting 1 April does not count it (it was due before); one starting 1 March does."""
    course = courses.register_course(project=world.project, organisation=world.org_a, by=world.users["coordinator"],
                                     start_date=date(2020, 1, 20), age_at_start=30)
    courses.update_course(course=course, by=world.users["coordinator"], end_date=date(2020, 12, 31), end_reason="moved")
    for day, value in [(date(2020, 1, 20), 2), (date(2020, 5, 20), 4), (date(2020, 9, 21), 3)]:
        Who5Response.objects.create(course=course, answered_on=day, item1=value, item2=value, item3=value,
                                    item4=value, item5=value, mode="imported")
    periods = [(date(2020, 4, 1), date(2020, 4, 30)), (date(2020, 3, 1), date(2020, 4, 30)),
               (date(2020, 3, 1), date(2020, 6, 30)), (date(2020, 6, 1), date(2020, 10, 31))]

    def figures():
        return [indicators.compute(key, world.project, start, end)
                for key in ("who5_response_rate", "who5_paired_change") for start, end in periods]

    before = figures()
    assert before == [None, 0.0, 100.0, 100.0, None, None, 40.0, 20.0]  # by hand, from the dates above
    call_command("apply_retention", "--today", "2026-12-01", stdout=io.StringIO())
    assert not Course.objects.filter(pk=course.pk).exists()
    assert figures() == before


def test_a_follow_up_whose_grace_ends_on_a_months_last_day_counts_in_that_month(world):
    """Due 17 March, missed: its two weeks are over on 31 March (wellbeing.rounds.overdue_from), the
    day the due list calls it overdue, so March's response rate counts it, before and after retention."""
    course = courses.register_course(project=world.project, organisation=world.org_a, by=world.users["coordinator"],
                                     start_date=date(2020, 1, 17), age_at_start=30)
    courses.update_course(course=course, by=world.users["coordinator"], end_date=date(2020, 12, 31), end_reason="moved")
    Who5Response.objects.create(course=course, answered_on=date(2020, 1, 17), item1=2, item2=2, item3=2, item4=2,
                                item5=2, mode="imported")

    def march():
        return indicators.compute("who5_response_rate", world.project, date(2020, 3, 1), date(2020, 3, 31))

    assert march() == 0.0  # 0 of 1 due
    call_command("apply_retention", "--today", "2026-12-01", stdout=io.StringIO())
    assert not Course.objects.filter(pk=course.pk).exists()
    assert march() == 0.0


def test_a_budget_goal_whose_period_cuts_a_month_of_deleted_figures_says_so_beside_it(esbjerg, client_as):
    from decimal import Decimal

    from budget.models import GoalIndicator

    call_command("apply_retention", "--today", "2034-01-01", stdout=io.StringIO())
    whole = GoalIndicator.objects.create(initiative=esbjerg.initiative, key="courses_registered", target=Decimal(50),
                                         period_start=date(2022, 1, 1), period_end=date(2022, 12, 31))
    cut = GoalIndicator.objects.create(initiative=esbjerg.initiative, key="courses_registered", target=Decimal(50),
                                       period_start=date(2022, 1, 1), period_end=date(2022, 6, 15))
    page = client_as("coordinator").get(reverse("budget_project", args=[esbjerg.project.slug]))
    goals = {g["goal"]: g for g in page.context["initiatives"][0]["goals"]}
    assert goals[whole]["caveat"] == ""
    assert "hele måneden" in goals[cut]["caveat"]
    assert goals[cut]["caveat"] in page.content.decode()
