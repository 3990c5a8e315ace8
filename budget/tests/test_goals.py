"""Goals' indicators are computed live through brobygger.indicators; unknown ones are "not available"."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from brobygger import indicators
from brobygger.disclosure import HIDDEN
from budget import goals
from budget.models import GoalIndicator


@pytest.fixture
def fake_indicators(monkeypatch):
    """Two indicators as other apps would register them, removed again after the test."""
    calls = []

    def people(project, start, end):
        calls.append((project, start, end))
        return 42

    monkeypatch.setitem(indicators._INDICATORS, "fake_people", indicators.Indicator("fake_people", "People", people))
    monkeypatch.setitem(indicators._INDICATORS, "fake_few",
                        indicators.Indicator("fake_few", "Few", lambda p, s, e: 3))
    return calls


def _goal(world, key, target=100):
    return GoalIndicator.objects.create(initiative=world.initiative, key=key, target=Decimal(target),
                                        period_start=date(2026, 5, 1), period_end=date(2026, 12, 31))


def test_an_indicator_is_computed_for_the_project_and_period_against_its_target(world, fake_indicators):
    _goal(world, "fake_people", 120)
    [progress] = goals.goal_progress(world.initiative, hide_small=False)
    assert fake_indicators == [(world.project, date(2026, 5, 1), date(2026, 12, 31))]
    assert progress["value"] == 42 and progress["target"] == 120 and progress["percent"] == 35
    assert not progress["reached"]


def test_an_unknown_indicator_is_not_available_and_nothing_breaks(world, client_as):
    _goal(world, "app_not_installed_yet")
    [progress] = goals.goal_progress(world.initiative, hide_small=False)
    assert progress["available"] is False and progress["value"] is None
    assert progress["label"] == "app_not_installed_yet"  # budget keeps no list of other apps' indicators
    response = client_as("coordinator").get(reverse("initiative_detail", args=[world.project.slug, 1]))
    assert response.status_code == 200


def test_small_counts_are_hidden_beyond_the_project(world, fake_indicators, client_as):
    _goal(world, "fake_few", 10)
    coordinator = client_as("coordinator").get(reverse("budget_project", args=[world.project.slug]))
    assert coordinator.context["initiatives"][0]["goals"][0]["value"] == 3
    analyst = client_as("analyst").get(reverse("budget_project", args=[world.project.slug]))
    goal = analyst.context["initiatives"][0]["goals"][0]
    assert goal["value"] is HIDDEN and goal["percent"] is None
    assert "30 %" not in analyst.content.decode()  # 3 of the target 10, which the coordinator sees


def test_courses_registered_counts_live_from_courses(world):
    _goal(world, "courses_registered", 4)
    # The test world's two courses started in January and February 2026, before the period.
    assert goals.goal_progress(world.initiative, hide_small=False)[0]["value"] == 0
    assert indicators.compute("courses_registered", world.project, date(2026, 1, 1), date(2026, 12, 31)) == 2


def test_referrals_started_counts_by_the_day_they_started(world):
    from courses import services as courses

    courses.set_referral_status(referral=world.referral_a, status="started", by=world.users["coordinator"],
                                on=date(2026, 6, 3))
    assert indicators.compute("referrals_started", world.project, date(2026, 6, 1), date(2026, 6, 30)) == 1
    assert indicators.compute("referrals_started", world.project, date(2026, 7, 1), date(2026, 7, 31)) == 0


def test_the_coordinator_adds_an_indicator(world, client_as, fake_indicators):
    url = reverse("indicator_add", args=[world.project.slug, 1])
    response = client_as("coordinator").post(url, {"key": "fake_people", "target": "150", "period_start": "2026-05-01",
                                                   "period_end": "2026-12-31"})
    assert response.status_code == 302
    assert GoalIndicator.objects.get().key == "fake_people"


def test_an_indicator_period_ending_before_it_starts_is_refused(world, client_as, fake_indicators):
    url = reverse("indicator_add", args=[world.project.slug, 1])
    response = client_as("coordinator").post(url, {"key": "fake_people", "target": "1", "period_start": "2026-05-01",
                                                   "period_end": "2026-04-01"})
    assert response.status_code == 200
    assert not GoalIndicator.objects.exists()


def test_counts_of_meetings_held_are_not_hidden(world, monkeypatch):
    monkeypatch.setitem(indicators._INDICATORS, "network_meetings_held",
                        indicators.Indicator("network_meetings_held", "Meetings", lambda *a: 2, counts_people=False))
    _goal(world, "network_meetings_held", 3)
    [progress] = goals.goal_progress(world.initiative, hide_small=True)
    assert progress["value"] == 2 and progress["percent"] == 67


def test_a_hidden_count_cannot_be_worked_out_from_a_goal_over_a_longer_period(world, monkeypatch, client_as):
    """Contacts May-December 40, May-November 37, December 3: shown 40 and 37, the hidden
    December would be their difference. So the 40, whose period holds December, is hidden too."""
    by_period = {(date(2026, 5, 1), date(2026, 12, 31)): 40, (date(2026, 5, 1), date(2026, 11, 30)): 37,
                 (date(2026, 12, 1), date(2026, 12, 31)): 3}
    monkeypatch.setitem(indicators._INDICATORS, "fake_contacts",
                        indicators.Indicator("fake_contacts", "Contacts", lambda p, s, e: by_period[(s, e)]))
    for start, end in by_period:
        GoalIndicator.objects.create(initiative=world.initiative, key="fake_contacts", target=Decimal(50),
                                     period_start=start, period_end=end)
    analyst = client_as("analyst").get(reverse("budget_project", args=[world.project.slug]))
    values = {(g["goal"].period_start, g["goal"].period_end): g["value"]
              for g in analyst.context["initiatives"][0]["goals"]}
    assert values == {(date(2026, 5, 1), date(2026, 12, 31)): HIDDEN, (date(2026, 5, 1), date(2026, 11, 30)): 37,
                      (date(2026, 12, 1), date(2026, 12, 31)): HIDDEN}
    coordinator = client_as("coordinator").get(reverse("budget_project", args=[world.project.slug]))
    assert [g["value"] for g in coordinator.context["initiatives"][0]["goals"]] == [40, 37, 3]


def test_a_share_made_of_a_small_group_is_hidden_beyond_the_project(world, monkeypatch, client_as):
    """A response rate of 85 %: 17 of 20 answered, 3 did not. The 85 would give the 3 away."""
    monkeypatch.setitem(indicators._INDICATORS, "fake_rate", indicators.Indicator(
        "fake_rate", "Rate", lambda p, s, e: 85.0, unit="%", groups=lambda p, s, e: (17, 3)))
    _goal(world, "fake_rate", 80)
    analyst = client_as("analyst").get(reverse("budget_project", args=[world.project.slug]))
    [goal] = analyst.context["initiatives"][0]["goals"]
    assert goal["value"] is HIDDEN and goal["percent"] is None
    # In the text a reader sees, not the markup: a sign-out form's CSRF token may hold "85".
    assert "85" not in re.sub(r"<[^>]+>", " ", analyst.content.decode())
    coordinator = client_as("coordinator").get(reverse("budget_project", args=[world.project.slug]))
    assert coordinator.context["initiatives"][0]["goals"][0]["value"] == 85.0


@pytest.mark.parametrize(("started_before", "analyst_sees"), [(1, HIDDEN), (3, 6)])
def test_courses_registered_beside_citizens_reached_of_the_same_period(world, client_as, monkeypatch,
                                                                      started_before, analyst_sees):
    """May-December 2026: 6 courses started (the goal), and the cost table's citizens reached are those
    6 and the ones started before May and still open (the world's two, and `started_before` more).
    With 3 reached who started before, reached 9 less registered 6 gives those 3 away: a reader
    outside sees the goal hidden on every page and in the committee's PDF. With 5 the goal shows."""
    from budget import views
    from courses import services as courses

    by = world.users["coordinator"]
    for n in range(started_before):
        courses.register_course(project=world.project, organisation=world.org_a, by=by, start_date=date(2026, 3, 2 + n))
    for month in (5, 6, 7, 8, 9, 11):
        courses.register_course(project=world.project, organisation=world.org_a, by=by, start_date=date(2026, month, 4))
    _goal(world, "courses_registered", 20)
    may_dec = (date(2026, 5, 1), date(2026, 12, 31))
    url = reverse("budget_project", args=[world.project.slug])

    coordinator = client_as("coordinator").get(url)
    assert coordinator.context["initiatives"][0]["goals"][0]["value"] == 6  # the project's staff: exact
    reached = [c.count for r in coordinator.context["costs"].rows if (r.start, r.end) == may_dec
               for c in r.cells if c.family == "reached"]
    assert reached == [6 + 2 + started_before] * 2  # the initiative, and all initiatives together

    analyst = client_as("analyst").get(url)
    [goal] = analyst.context["initiatives"][0]["goals"]
    assert goal["value"] == analyst_sees
    assert {c.count for r in analyst.context["costs"].rows for c in r.cells if c.family == "reached"} == {
        6 + 2 + started_before}  # the cost table stays as it is
    if analyst_sees is HIDDEN:
        assert goal["percent"] is None
        assert "30 %" not in analyst.content.decode()  # 6 of the target 20, which the coordinator sees
    detail = client_as("analyst").get(reverse("initiative_detail", args=[world.project.slug, 1]))
    assert detail.context["goals"][0]["value"] == analyst_sees

    rendered = {}
    real = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda t, c, **kw: rendered.update(c) or real(t, c, **kw))
    # The committee reads from outside, even when the coordinator prints it.
    assert client_as("coordinator").get(reverse("committee_status", args=[world.project.slug, 1])).status_code == 200
    assert rendered["items"][0]["goals"][0]["value"] == analyst_sees

    for caseworker in ("caseworker_a", "caseworker_b"):  # the goals table is not theirs to see at all
        assert client_as(caseworker).get(url).status_code == 404


def test_a_goal_hidden_for_another_initiatives_goal_is_hidden_on_its_own_page_and_pdf(world, monkeypatch, client_as):
    """Initiative 1 counts contacts May-December (40), initiative 2 in December (3, hidden). The budget
    page hides the 40 too (else 40 less a November count would give December away); so must the
    initiative's own page and its own PDF, which show initiative 1's goals only."""
    from budget import views
    from budget.models import Initiative

    by_period = {(date(2026, 5, 1), date(2026, 12, 31)): 40, (date(2026, 12, 1), date(2026, 12, 31)): 3}
    monkeypatch.setitem(indicators._INDICATORS, "fake_contacts",
                        indicators.Indicator("fake_contacts", "Contacts", lambda p, s, e: by_period[(s, e)]))
    second = Initiative.objects.create(project=world.project, number=2, name="Kurser", start_date=date(2026, 5, 1),
                                       end_date=date(2026, 12, 31))
    for initiative, (start, end) in zip((world.initiative, second), by_period, strict=True):
        GoalIndicator.objects.create(initiative=initiative, key="fake_contacts", target=Decimal(50),
                                     period_start=start, period_end=end)
    analyst = client_as("analyst")
    page = analyst.get(reverse("budget_project", args=[world.project.slug]))
    assert [[g["value"] for g in i["goals"]] for i in page.context["initiatives"]] == [[HIDDEN], [HIDDEN]]
    assert analyst.get(reverse("initiative_detail", args=[world.project.slug, 1])).context["goals"][0]["value"] is HIDDEN
    rendered = {}
    real = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda t, c, **kw: rendered.update(c) or real(t, c, **kw))
    assert analyst.get(reverse("committee_status", args=[world.project.slug, 1])).status_code == 200
    assert [g["value"] for g in rendered["items"][0]["goals"]] == [HIDDEN]
    # The project's staff see both exact on the initiative's page.
    coordinator = client_as("coordinator").get(reverse("initiative_detail", args=[world.project.slug, 1]))
    assert coordinator.context["goals"][0]["value"] == 40


@pytest.mark.parametrize(("started_before", "analyst_sees"), [(3, HIDDEN), (5, 8)])
def test_courses_registered_beside_the_reports_citizens_of_its_own_period(world, client_as, started_before,
                                                                         analyst_sees):
    """A goal for all of 2026, which no period of the cost table (May-December) holds: the project report
    for 2026, which the analyst may ask for, counts its citizens, the 8 courses started in 2026 and the
    ones started in 2025 and still open. 3 of those would be the report's citizens less the goal."""
    from courses import services as courses

    by = world.users["coordinator"]
    for n in range(started_before):
        courses.register_course(project=world.project, organisation=world.org_a, by=by, start_date=date(2025, 6, 2 + n))
    for month in (3, 5, 6, 7, 9, 11):  # and the world's two, January and February
        courses.register_course(project=world.project, organisation=world.org_a, by=by, start_date=date(2026, month, 4))
    GoalIndicator.objects.create(initiative=world.initiative, key="courses_registered", target=Decimal(20),
                                 period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    report = client_as("analyst").get(reverse("project_report_json", args=[world.project.slug])
                                      + "?as_of=2026-12-31&period_start=2026-01-01")
    assert report.json()["citizens"] == 8 + started_before  # what the analyst can read beside the goal
    for who, sees in (("coordinator", 8), ("analyst", analyst_sees)):
        page = client_as(who).get(reverse("initiative_detail", args=[world.project.slug, 1]))
        assert page.context["goals"][0]["value"] == sees, who
