"""Only a project's coordinator imports into or exports from it; everyone else gets 404."""

from django.http import Http404

from audit import log
from projects.models import Project

from .models import ImportUpload


def coordinated_projects(user):
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(pk__in=user.projects_where("can_manage_project"))


def project_for_exchange(request, slug: str) -> Project:
    try:
        return coordinated_projects(request.user).get(slug=slug)
    except Project.DoesNotExist:
        raise Http404("No such project") from None


def upload_for_user(request, pk: int) -> ImportUpload:
    """The user's own pending upload, in a project they still coordinate."""
    try:
        upload = ImportUpload.objects.select_related("project").get(
            pk=pk, uploaded_by=request.user, status=ImportUpload.Status.PENDING,
            project__in=coordinated_projects(request.user))
    except ImportUpload.DoesNotExist:
        raise Http404("No such upload") from None
    log.concerns(request, upload.project_id)
    return upload
