from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AccessEvent, ChangeRecord


def prune(*, now=None, days: int | None = None, dry_run: bool = False) -> dict:
    """Delete log entries older than AUDIT_RETENTION_DAYS (the database refuses younger ones)."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    counts = {}
    with transaction.atomic():
        for model in (AccessEvent, ChangeRecord):
            old = model.objects.filter(at__lt=cutoff)
            counts[model._meta.model_name] = old.count() if dry_run else old._prune()[0]
    return counts
