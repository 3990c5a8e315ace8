from django.http import Http404

from audit import log

from .models import Project


def project_for_user(request, slug: str, capability: str = "can_see_project") -> Project:
    """The project if one of the user's roles in it has `capability`; 404 otherwise."""
    try:
        project = Project.objects.select_related("lead_organisation").get(slug=slug)
    except Project.DoesNotExist:
        raise Http404("No such project") from None
    log.concerns(request, project)  # a refusal too is an entry in this project's log
    if not any(getattr(m, capability) for m in request.user.memberships_in(project)):
        raise Http404("No such project")
    return project


def projects_for_user(user, capability: str = "can_see_project"):
    return Project.objects.filter(pk__in=user.projects_where(capability))


def projects_with_slug(slug: str) -> set:
    """Ids of the projects an address's <slug> names (for the access log)."""
    return set(Project.objects.filter(slug=slug).values_list("pk", flat=True))


def project_slugs() -> dict:
    """Every project's slug by its id (for the access log's export)."""
    return dict(Project.objects.values_list("pk", "slug"))
