from django.conf import settings
from django.core.management.base import BaseCommand

from audit.services import prune


class Command(BaseCommand):
    help = "Delete access log and change history entries older than AUDIT_RETENTION_DAYS (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, dry_run=False, **options):
        counts = prune(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {counts['accessevent']} access log entries and {counts['changerecord']} change records "
            f"older than {settings.AUDIT_RETENTION_DAYS} days"
        )
