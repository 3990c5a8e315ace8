"""Who may see the budget, the goals and the team meeting. Views start here; 404 outside scope."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from brobygger.access import is_coordinator
from brobygger.disclosure import Audience, audience
from projects.access import project_for_user

from .models import Initiative


def is_team_member(membership) -> bool:
    """The project's team: the people who meet each week (outreach, caseworkers, the coordinator)."""
    return membership.can_see_courses or membership.can_log_outreach


def can_read_budget(user, project) -> bool:
    """The coordinator and the project's analysts read the budget and the goals."""
    return any(m.can_see_reports for m in user.memberships_in(project))


def can_manage_budget(user, project) -> bool:
    return is_coordinator(user, project)


def budget_project(request, slug, *, manage: bool = False):
    project = project_for_user(request, slug, "can_manage_project" if manage else "can_see_reports")
    return project


def initiative_for_user(request, slug, number, *, manage: bool = False) -> Initiative:
    project = budget_project(request, slug, manage=manage)
    return get_object_or_404(Initiative.objects.select_related("project"), project=project, number=number)


def team_project(request, slug):
    project = project_for_user(request, slug)
    if not any(is_team_member(m) for m in request.user.memberships_in(project)):
        raise Http404("Not in the project's team")
    return project


def hides_small_numbers(user, project) -> bool:
    """Exact counts for the project's own staff; everyone else reads from outside (brobygger.disclosure)."""
    return audience(user, project) == Audience.OUTSIDE
