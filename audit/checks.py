from django.conf import settings
from django.core import checks

from .guards import MINIMUM_RETENTION_DAYS


@checks.register(checks.Tags.security, deploy=False)
def audit_retention(app_configs, **kwargs):
    days = getattr(settings, "AUDIT_RETENTION_DAYS", None)
    if days is None or days < MINIMUM_RETENTION_DAYS:
        return [checks.Error(
            f"AUDIT_RETENTION_DAYS must be at least {MINIMUM_RETENTION_DAYS}: the access log is evidence.",
            id="audit.E001",
        )]
    return []
