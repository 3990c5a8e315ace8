from datetime import date

from django.test import RequestFactory
from django.urls import reverse

from brobygger import indicators, sections
from knowledge import services
from knowledge.models import Action, NetworkMeeting
from knowledge.selectors import carried_actions, network_year


def test_coordinator_records_a_meeting_with_attendance(client_as, world):
    client = client_as("coordinator")
    response = client.post(reverse("knowledge_meeting_create"), {
        "project": world.project.pk, "date": "2026-06-10", "place": "Reden", "agenda": "Status",
        "minutes": "Vi talte om samarbejdet.", f"org_{world.org_a.pk}": "3", f"org_{world.org_b.pk}": "",
    })
    meeting = NetworkMeeting.objects.get(place="Reden")
    assert response["Location"] == reverse("knowledge_meeting", args=[meeting.pk])
    assert {(a.organisation, a.people) for a in meeting.attendance.all()} == {(world.org_a, 3)}


def test_minutes_refuse_phone_numbers_and_email_addresses(client_as, world):
    client = client_as("coordinator")
    for minutes in ("Ring til hende på 12 34 56 78", "Skriv til borger@example.com", "CPR 0101901234"):
        response = client.post(reverse("knowledge_meeting_create"), {
            "project": world.project.pk, "date": "2026-06-10", "place": "Reden", "minutes": minutes,
        })
        assert response.status_code == 200
        assert response.context["form"].errors["minutes"]
    assert not NetworkMeeting.objects.filter(place="Reden").exists()


def test_coordinator_of_another_project_cannot_record_for_this_one(client, world):
    from accounts.models import Membership
    from conftest import make_user

    other = make_user("other", (world.national, world.other_project, Membership.Role.COORDINATOR))
    client.force_login(other)
    assert client.get(reverse("knowledge_meeting_edit", args=[world.meeting.pk])).status_code == 404
    response = client.post(reverse("knowledge_meeting_create"), {
        "project": world.project.pk, "date": "2026-06-10", "place": "X",
    })
    assert response.status_code == 200 and not NetworkMeeting.objects.filter(place="X").exists()
    assert client.post(reverse("knowledge_action_close", args=[world.action.pk])).status_code == 404


def test_an_open_action_is_carried_to_the_next_meeting_until_closed(client_as, world):
    second = services.save_meeting(project=world.project, date=date(2026, 6, 10), place="SIO")
    third = services.save_meeting(project=world.project, date=date(2026, 9, 10), place="Reden")
    assert list(carried_actions(second)) == [world.action]
    page = client_as("outreach").get(reverse("knowledge_meeting", args=[second.pk])).content.decode()
    assert "Inviter SIO" in page
    services.close_action(action=world.action, on=date(2026, 7, 1))
    assert list(carried_actions(second)) == [world.action]  # still open when the second meeting was held
    assert list(carried_actions(third)) == []


def test_closing_an_action(client_as, world):
    client_as("coordinator").post(reverse("knowledge_action_close", args=[world.action.pk]))
    world.action.refresh_from_db()
    assert world.action.closed_on is not None


def test_coordinator_adds_an_action(client_as, world):
    client_as("coordinator").post(reverse("knowledge_action_add", args=[world.meeting.pk]), {
        "text": "Inviter SIO til personaledagen", "owner": "Birgitte", "due": "2027-03-01",
    })
    assert Action.objects.filter(meeting=world.meeting, text="Inviter SIO til personaledagen").exists()


def test_yearly_view_counts_meetings_against_the_quarterly_goal(world):
    services.save_meeting(project=world.project, date=date(2026, 3, 20), place="B", attendance={world.org_b: 4})
    services.save_meeting(project=world.project, date=date(2026, 11, 2), place="C", attendance={world.lead: 1})
    data = network_year(2026)
    assert data["held"] == 3 and data["goal"] == 4
    assert [q["held"] for q in data["quarters"]] == [2, 0, 0, 1]
    assert data["quarters_met"] == 2
    lead = next(r for r in data["by_organisation"] if r["organisation__name"] == world.lead.name)
    assert lead == {"organisation__name": world.lead.name, "meetings": 2, "people": 3}


def test_indicators_are_registered_and_count(world):
    assert indicators.compute("network_meetings_held", world.project, date(2026, 1, 1), date(2026, 12, 31)) == 1
    assert indicators.compute("network_meetings_held", world.other_project, date(2026, 1, 1), date(2026, 12, 31)) == 0
    assert indicators.compute("learning_completions", world.project, date(2026, 1, 1), date(2026, 12, 31)) == 0
    assert indicators.compute("self_rated_change", world.project, date(2026, 1, 1), date(2026, 12, 31)) is None


def test_team_meeting_shows_open_network_actions(world):
    request = RequestFactory().get("/")
    request.user = world.users["coordinator"]
    request.meeting_since = date(2026, 3, 1)
    html = "".join(sections.render_sections("team_meeting", request, world.project))
    assert "Inviter SIO" in html
    services.close_action(action=world.action, on=date(2026, 4, 1))
    assert "Inviter SIO" not in "".join(sections.render_sections("team_meeting", request, world.project))


def test_advisors_are_listed_per_unit_with_completed_modules(client_as, world):
    world.advisor.user = world.users["outreach"]
    world.advisor.save()
    attempt = services.start_module(module=world.module, user=world.users["outreach"], rating_before=1)
    services.record_section(attempt=attempt, section=world.section, answers={})
    services.finish_module(attempt=attempt, rating_after=3)
    page = client_as("caseworker_b").get(reverse("knowledge_advisors")).content.decode()
    assert "Birgitte Vejleder" in page and "Jobcenter" in page and "birgitte@kk.dk" in page
    assert world.module.title in page


def test_coordinator_adds_an_advisor_with_work_contact(client_as, world):
    client_as("coordinator").post(reverse("knowledge_advisor_create"), {
        "name": "Ali", "unit": "Stofbehandling Vesterbro", "organisation": world.lead.pk, "since": "2026-06-01",
        "work_email": "ali@kk.dk", "work_phone": "33 66 33 66", "active": "on",
    })
    from knowledge.models import Advisor

    assert Advisor.objects.get(name="Ali").work_phone == "33 66 33 66"


def test_team_meeting_marks_new_and_overdue_actions(world):
    from knowledge.team_meeting import network_actions_section

    request = RequestFactory().get("/")
    request.user = world.users["coordinator"]
    request.meeting_since = date(2026, 3, 1)
    context = network_actions_section(request, world.project)
    (action,) = context["actions"]
    assert action.is_new  # the meeting (10 March) was after the last team meeting
    request.meeting_since = date(2026, 4, 1)
    assert not network_actions_section(request, world.project)["actions"][0].is_new
    assert network_actions_section(request, world.other_project) is None
    request.user = world.users["outsider"]
    assert network_actions_section(request, world.project) is None


def test_the_team_meeting_page_shows_the_networks_open_actions(client_as, world):
    page = client_as("coordinator").get(reverse("team_meeting", args=[world.project.slug])).content.decode()
    assert "Inviter SIO" in page


def test_a_learner_who_is_a_registered_advisor_records_an_action_at_the_meeting(client, world):
    """The journey: Birgitte, a learner and the job centre's advisor, records an action at the network meeting."""
    from accounts.models import Membership
    from conftest import make_user

    birgitte = make_user("birgitte", (world.lead, None, Membership.Role.LEARNER))
    learner = make_user("learner", (world.lead, None, Membership.Role.LEARNER))
    world.advisor.user = birgitte
    world.advisor.save()
    add = reverse("knowledge_action_add", args=[world.meeting.pk])
    client.force_login(learner)  # a learner who is no advisor reads the meeting but adds nothing
    assert add not in client.get(reverse("knowledge_meeting", args=[world.meeting.pk])).content.decode()
    assert client.post(add, {"text": "Noget", "owner": "Nogen", "due": "2026-07-01"}).status_code == 404
    client.force_login(birgitte)
    page = client.get(reverse("knowledge_meeting", args=[world.meeting.pk])).content.decode()
    assert add in page
    assert reverse("knowledge_meeting_edit", args=[world.meeting.pk]) not in page  # the meeting stays the coordinator's
    client.post(add, {"text": "Inviter SIO til jobcentrets personaledag", "owner": "Birgitte", "due": "2027-03-31"})
    action = Action.objects.get(text="Inviter SIO til jobcentrets personaledag")
    assert (action.meeting, action.owner, action.due) == (world.meeting, "Birgitte", date(2027, 3, 31))
    assert client.post(reverse("knowledge_action_close", args=[action.pk])).status_code == 404
