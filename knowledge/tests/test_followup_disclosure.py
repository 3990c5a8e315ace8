"""The learning follow-up by audience: the national analyst sees no completion count of 1-4, nor
one that a total gives away; staff of a project see every count."""

import re

import pytest
from django.urls import reverse

from accounts.models import Membership
from conftest import make_user
from knowledge import services


@pytest.fixture
def seven_completions(world):
    """7 learners finish the world's module this month: 5 of the lead organisation, 2 of org B."""
    for i, unit in enumerate([world.lead] * 5 + [world.org_b] * 2):
        user = make_user(f"learner{i}", (unit, None, Membership.Role.LEARNER))
        attempt = services.start_module(module=world.module, user=user, rating_before=2)
        services.record_section(attempt=attempt, section=world.section, answers={})
        services.finish_module(attempt=attempt, rating_after=4)
    return world


def _unit_cells(html, unit):
    return re.findall(rf"<td[^>]*>{re.escape(unit)}</td><td[^>]*>([^<]*)</td>", html)


def test_the_analyst_sees_the_small_unit_hidden_and_the_one_that_would_give_it_away(seven_completions, client_as):
    html = client_as("analyst").get(reverse("knowledge_followup")).content.decode()
    assert _unit_cells(html, "LivaRehab") == ["skjult"]  # 2
    assert _unit_cells(html, "Kommunen, Hjemløseenheden") == ["skjult"]  # 5: 7 - 5 would be the 2
    assert '<span class="stat-number">7</span>' in html
    assert 'id="hidden-note"' in html


def test_staff_of_a_project_see_every_count(seven_completions, client_as):
    html = client_as("coordinator").get(reverse("knowledge_followup")).content.decode()
    assert _unit_cells(html, "LivaRehab") == ["2"]
    assert _unit_cells(html, "Kommunen, Hjemløseenheden") == ["5"]
