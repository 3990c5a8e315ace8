from django.core.management.base import BaseCommand

from exchange.uploads import discard_stale_uploads


class Command(BaseCommand):
    help = ("Discard uploads waiting for confirmation for more than a day and erase their bytes "
            "(run hourly from cron; confirming or discarding erases them at once).")

    def handle(self, *args, **options):
        self.stdout.write(f"discarded {discard_stale_uploads()} stale upload(s)")
