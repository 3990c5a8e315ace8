from django.core.management.base import BaseCommand
from django.utils import timezone

from exports.services import expire_exports


class Command(BaseCommand):
    help = ("Expire export links (and requests nobody decided on) older than EXPORT_LINK_HOURS and delete "
            "the files of every closed export (run hourly from cron; the link also closes when visited).")

    def handle(self, *args, **options):
        deleted = expire_exports(now=timezone.now())
        self.stdout.write(f"deleted {deleted} export file(s)")
