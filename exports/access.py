"""Only a project's coordinators ask for, decide on and see its exports; only the one who
asked fetches the file. Everyone else gets 404."""

from django.http import Http404

from audit import log
from brobygger.access import coordinated_projects
from projects.models import Project

from .models import ExportRequest


def project_for_exports(request, slug: str) -> Project:
    try:
        return Project.objects.get(slug=slug, pk__in=coordinated_projects(request.user))
    except Project.DoesNotExist:
        raise Http404("No such project") from None


def export_for_user(request, slug: str, pk: int) -> ExportRequest:
    try:
        export = ExportRequest.objects.select_related("project", "recipient_organisation").get(
            pk=pk, project__slug=slug, project__in=coordinated_projects(request.user))
    except ExportRequest.DoesNotExist:
        raise Http404("No such export") from None
    log.concerns(request, export.project_id)
    return export
