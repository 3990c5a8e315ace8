"""The exports on the home page (the requester's state, what waits for a second coordinator)
and the way to the ledger from the project page."""

from django.utils import timezone

from brobygger.access import coordinated_projects, is_coordinator

from .selectors import mine, waiting_for


def home_section(request, user):
    projects = coordinated_projects(user)
    if not projects:
        return None
    own, waiting = list(mine(user)), list(waiting_for(user, projects))
    if not own and not waiting:
        return None
    return {"own": own, "waiting": waiting, "now": timezone.now()}


def project_section(request, project):
    if not is_coordinator(request.user, project):
        return None
    return {"project": project}
