"""Uploaded files waiting for confirmation are not kept: a day after the upload, an upload nobody
confirmed or discarded is discarded and its bytes erased (`manage.py discard_stale_uploads`, cron)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ImportUpload

PENDING_FOR = timedelta(days=1)


def discard_stale_uploads(*, now=None) -> int:
    now = now or timezone.now()
    return ImportUpload.objects.filter(status=ImportUpload.Status.PENDING, uploaded_at__lte=now - PENDING_FOR).update(
        status=ImportUpload.Status.DISCARDED, data=b"", finished_at=now,
        summary=_("Discarded after a day without confirmation."))
