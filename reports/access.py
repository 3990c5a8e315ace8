"""Who may see which report. Coordinators and analysts see their projects' reports; the
cross-project view is for analysts of a national organisation. Everyone else gets 404."""

from django.http import Http404

from accounts.models import Membership
from projects.models import Organisation, Project


def report_projects(user):
    """The projects whose report `user` may see."""
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(pk__in=user.projects_where("can_see_reports"))


def project_for_report(request, slug: str) -> Project:
    try:
        return report_projects(request.user).get(slug=slug)
    except Project.DoesNotExist:
        raise Http404("No such report") from None


def _national_analyst_memberships(user):
    if not user.is_authenticated:
        return []
    return [m for m in user.active_memberships
            if m.role == Membership.Role.ANALYST and m.organisation.kind == Organisation.Kind.NATIONAL]


def national_analyst_projects(user):
    """Projects an analyst of a national organisation follows; none for anyone else."""
    memberships = _national_analyst_memberships(user)
    if not memberships:
        return Project.objects.none()
    return Project.objects.filter(pk__in={m.project_id for m in memberships})


def can_compare(user) -> bool:
    return bool(_national_analyst_memberships(user))
