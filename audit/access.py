"""Who may read the access log, and which part of it."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

from brobygger.access import coordinated_projects

from .models import AccessEvent


def can_read_audit_log(user) -> bool:
    """Coordinators (for the projects they coordinate) and administrators (everything)."""
    return user.is_authenticated and (user.is_administrator or bool(coordinated_projects(user)))


# Acts that belong to no project: a coordinator sees these of their project's own staff.
PROJECTLESS_ACTIONS = (
    AccessEvent.Action.SIGN_IN, AccessEvent.Action.SIGN_IN_FAILED, AccessEvent.Action.LOCKED_OUT,
    AccessEvent.Action.SIGN_OUT,
)


def visible_events(user):
    """Administrators see the whole log; a coordinator what happened in their projects,
    and the sign-ins and sign-outs of the project's own staff.

    Every act on a project's pages is stored with its project (audit.middleware), so an entry
    without a project is no project's business: a member of two projects acting in one of them
    never shows up in the other's log.
    """
    if not can_read_audit_log(user):
        raise Http404("No access to the audit log")
    if user.is_administrator:
        return AccessEvent.objects.all()
    projects = coordinated_projects(user)
    staff = get_user_model().objects.filter(memberships__project_id__in=projects).values("pk")
    return AccessEvent.objects.filter(
        Q(project_id__in=projects)
        | Q(project_id__isnull=True, user_id__in=staff, action__in=PROJECTLESS_ACTIONS)
    )
