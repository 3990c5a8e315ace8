"""Who may do what in outreach. Every view starts here; outside its scope a page is a 404."""

from django.http import Http404

from audit import log
from brobygger.access import is_coordinator
from projects.access import project_for_user
from projects.models import Project


def _project(request, slug: str) -> Project:
    try:
        project = Project.objects.select_related("lead_organisation").get(slug=slug)
    except Project.DoesNotExist:
        raise Http404("No such project") from None
    log.concerns(request, project)  # saves the access log looking the project up again
    return project


def logging_membership(user, project):
    """The membership through which `user` logs outreach in `project` (its organisation is recorded), or None."""
    return next((m for m in user.memberships_in(project) if m.can_log_outreach), None)


def outreach_project(request, slug: str) -> tuple[Project, object]:
    """The project and the user's logging membership; 404 unless the user may log outreach there."""
    if not request.user.is_authenticated:
        raise Http404("No such project")
    project = _project(request, slug)
    membership = logging_membership(request.user, project)
    if membership is None:
        raise Http404("No such project")
    return project, membership


def coordinator_project(request, slug: str) -> Project:
    return project_for_user(request, slug, "can_manage_project")


def can_follow_up(user, project) -> bool:
    return any(m.can_log_outreach or m.can_see_reports for m in user.memberships_in(project))


def followup_project(request, slug: str) -> Project:
    project = _project(request, slug)
    if not can_follow_up(request.user, project):
        raise Http404("No such project")
    return project


def may_backdate(user, project) -> bool:
    """Coordinators may enter contacts older than the usual window (e.g. typing up a paper list)."""
    return is_coordinator(user, project)


def outreach_projects(user):
    """Projects where the user logs outreach or follows it up."""
    ids = {m.project_id for m in user.active_memberships if m.project_id and (m.can_log_outreach or m.can_see_reports)}
    return Project.objects.filter(pk__in=ids)
