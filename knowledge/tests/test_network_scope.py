"""The network's meetings belong to their project: its staff read them, other projects' do not
(issue 14, point 10). A learner (a global role, no project) belongs to the projects their
organisation works in, the same rule that counts their completions for a project."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Membership
from conftest import make_user
from knowledge import services


@pytest.fixture
def aarhus_meeting(world):
    """A meeting of project B (Exit Aarhus), whose only organisation is Socialstyrelsen."""
    return services.save_meeting(project=world.other_project, date=date(2026, 4, 14), place="Aarhus Rådhus",
                                 attendance={world.national: 3})


@pytest.fixture
def learner_a(world):
    """A learner at Reden København, a partner of project A (Exit København) only."""
    return make_user("learner_a", (world.org_a, None, Membership.Role.LEARNER))


def test_a_learner_of_project_a_gets_404_for_a_meeting_of_project_b(client, world, learner_a, aarhus_meeting):
    client.force_login(learner_a)
    assert client.get(reverse("knowledge_meeting", args=[aarhus_meeting.pk])).status_code == 404
    assert client.get(reverse("knowledge_meeting", args=[world.meeting.pk])).status_code == 200


def test_the_list_and_the_year_hold_only_the_learners_projects(client, world, learner_a, aarhus_meeting):
    client.force_login(learner_a)
    listing = client.get(reverse("knowledge_meetings")).content.decode()
    assert reverse("knowledge_meeting", args=[world.meeting.pk]) in listing
    assert reverse("knowledge_meeting", args=[aarhus_meeting.pk]) not in listing
    assert "Aarhus Rådhus" not in listing
    year = client.get(reverse("knowledge_network_year", args=[2026]))
    assert year.context["data"]["held"] == 1  # Exit København's meeting of 10 March, not Aarhus's
    assert [row["organisation__name"] for row in year.context["data"]["by_organisation"]] == [
        "Kommunen, Hjemløseenheden", "Reden København"]


def test_a_caseworker_of_project_a_does_not_read_project_bs_meetings_either(client_as, world, aarhus_meeting):
    client = client_as("caseworker_a")
    assert client.get(reverse("knowledge_meeting", args=[aarhus_meeting.pk])).status_code == 404
    assert "Aarhus Rådhus" not in client.get(reverse("knowledge_meetings")).content.decode()


def test_project_bs_own_learner_reads_its_meeting(client, world, aarhus_meeting):
    learner_b = make_user("learner_b", (world.national, None, Membership.Role.LEARNER))
    client.force_login(learner_b)
    assert client.get(reverse("knowledge_meeting", args=[aarhus_meeting.pk])).status_code == 200


def test_a_coordinators_acts_on_a_meeting_are_logged_in_its_project(client_as, world):
    """The meeting's address names no project: the views say which, so only that project's
    coordinator reads these entries in the access log."""
    from audit.models import AccessEvent

    client = client_as("coordinator")
    meeting = {"project": world.project.pk, "date": "2026-03-10", "place": "Rådhuset", "agenda": "", "minutes": ""}
    assert client.post(reverse("knowledge_meeting_create"), meeting).status_code == 302
    assert client.post(reverse("knowledge_meeting_edit", args=[world.meeting.pk]), meeting).status_code == 302
    assert client.post(reverse("knowledge_action_add", args=[world.meeting.pk]),
                       {"text": "Inviter jobcentret", "owner": "Birgitte", "due": "2026-06-01"}).status_code == 302
    assert client.post(reverse("knowledge_action_close", args=[world.action.pk])).status_code == 302
    entries = AccessEvent.objects.filter(action="change", url_name__startswith="knowledge_")
    assert sorted(entries.values_list("url_name", "project_id")) == [
        ("knowledge_action_add", world.project.pk), ("knowledge_action_close", world.project.pk),
        ("knowledge_meeting_create", world.project.pk), ("knowledge_meeting_edit", world.project.pk)]
