from django.core.management.base import BaseCommand
from django.utils import timezone

from exports.models import ExportRequest
from exports.services import expire_exports

Status = ExportRequest.Status


class Command(BaseCommand):
    help = ("Expire export links (and requests nobody decided on) older than EXPORT_LINK_HOURS and delete "
            "the files of every closed export (run hourly from cron; the link also closes when visited). "
            "--dry-run only counts them.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would expire.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            n = ExportRequest.objects.filter(status__in=[Status.REQUESTED, Status.APPROVED], expires_at__lte=now).count()
            self.stdout.write(f"would expire {n} export(s)")
            return
        deleted = expire_exports(now=now)
        self.stdout.write(f"deleted {deleted} export file(s)")
