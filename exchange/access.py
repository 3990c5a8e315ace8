"""Only a project's coordinator imports into or exports from it; everyone else gets 404."""

from django.http import Http404

from audit import log
from brobygger.access import coordinated_projects

from .models import ImportUpload
from .uploads import discard_stale_uploads


def upload_for_user(request, pk: int) -> ImportUpload:
    """The user's own pending upload, in a project they still coordinate."""
    discard_stale_uploads()  # a day-old upload is gone when visited too, not only when cron runs
    try:
        upload = ImportUpload.objects.select_related("project").get(
            pk=pk, uploaded_by=request.user, status=ImportUpload.Status.PENDING,
            project__in=coordinated_projects(request.user))
    except ImportUpload.DoesNotExist:
        raise Http404("No such upload") from None
    log.concerns(request, upload.project_id)
    return upload
