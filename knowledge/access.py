"""Who may do what in the knowledge app. Outside their scope people get 404, never 403.

- staff: anyone with a membership (including the *learner* role for staff outside the projects)
  takes modules and reads the advisor register;
- the network's meetings: read by the staff of the meeting's project. A role tied to a project
  reads that project's; a global role (learner, administrator) those of the projects its
  organisation works in (lead or partner), the rule that counts a learner's completions too;
- authors: coordinators (of any project) write modules, keep the advisor register, and record
  network meetings of the projects they coordinate;
- actions: besides those coordinators, a registered (active) advisor linked to the user records
  an agreed action at a meeting they read: the advisors are the network's members in the units
  (the journey: Birgitte, a learner and the job centre's advisor, records one at the meeting).
  Editing the meeting and closing actions stay with the coordinators;
- follow-up: coordinators and analysts see completions and the change in self-rated knowledge.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import coordinates_a_project, is_staff_member
from audit import log
from brobygger.access import coordinated_projects, requires

from .models import Module, NetworkMeeting

can_author = coordinates_a_project


def can_follow_up(user) -> bool:
    return user.is_authenticated and any(m.can_see_reports for m in user.active_memberships)


staff_required = requires(is_staff_member)
author_required = requires(can_author)
follow_up_required = requires(can_follow_up)


def module_for_user(request, pk) -> Module:
    """A published module for any staff user; drafts only for authors."""
    if not is_staff_member(request.user):
        raise Http404("Not found")
    modules = Module.objects.all() if can_author(request.user) else Module.objects.filter(status=Module.Status.PUBLISHED)
    return get_object_or_404(modules, pk=pk)


def network_projects(user) -> set:
    """Ids of the projects whose network meetings `user` reads."""
    from projects.models import Project

    if not user.is_authenticated:
        return set()
    ids = {m.project_id for m in user.active_memberships if m.project_id}
    organisations = {m.organisation_id for m in user.active_memberships if m.project_id is None}
    if organisations:
        ids |= set(Project.objects.filter(Q(lead_organisation__in=organisations) | Q(partners__in=organisations))
                   .values_list("pk", flat=True))
    return ids


def meetings_for_user(user):
    return NetworkMeeting.objects.filter(project__in=network_projects(user))


def meeting_for_user(request, pk, *, edit=False) -> NetworkMeeting:
    if not is_staff_member(request.user):
        raise Http404("Not found")
    meetings = meetings_for_user(request.user).select_related("project")
    if edit:
        meetings = meetings.filter(project__in=coordinated_projects(request.user))
    meeting = get_object_or_404(meetings, pk=pk)
    log.concerns(request, meeting.project_id)  # the address names no project: the access log learns it here
    return meeting


def is_advisor(user) -> bool:
    from .models import Advisor

    return user.is_authenticated and Advisor.objects.filter(user=user, active=True).exists()


def may_add_action(user, meeting: NetworkMeeting) -> bool:
    return meeting.project_id in coordinated_projects(user) or (
        meeting.project_id in network_projects(user) and is_advisor(user))


def meeting_for_action(request, pk) -> NetworkMeeting:
    meeting = meeting_for_user(request, pk)
    if not may_add_action(request.user, meeting):
        raise Http404("Not found")
    return meeting


def unit_of(user):
    """The organisation a learner's completion is counted for: their learner role's, else their first."""
    memberships = sorted(user.active_memberships, key=lambda m: (m.role != m.Role.LEARNER, m.pk))
    return memberships[0].organisation if memberships else None
