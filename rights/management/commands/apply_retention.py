from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from rights.services import apply_retention


class Command(BaseCommand):
    help = ("Delete ended courses past their project's retention period, keeping anonymous counts "
            "(run nightly from cron). --dry-run lists what would go.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the courses that would be deleted.")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="Pretend today is YYYY-MM-DD.")

    def handle(self, *args, dry_run=False, today=None, **options):
        deleted = apply_retention(today=today or timezone.localdate(), dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        for item in deleted:
            self.stdout.write(f"{verb} {item.code} ({item.project}, ended {item.end_date:%Y-%m-%d})")
        self.stdout.write(f"{verb} {len(deleted)} course(s) past retention")
