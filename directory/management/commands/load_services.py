import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from directory.services import load_services

DEFAULT = Path(__file__).resolve().parent.parent.parent / "data" / "services.json"


class Command(BaseCommand):
    help = (
        "Create or update directory services from a JSON file (a list of services; matched by name). "
        "Loaded services count as checked today unless the file gives last_checked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEFAULT), help="JSON file (default: the services in the domain digest)")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, change nothing")

    def handle(self, *args, file, dry_run, **options):
        try:
            entries = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if not isinstance(entries, list):
            raise CommandError("The file must hold a list of services.")
        try:
            with transaction.atomic():
                created, updated = load_services(entries, checked_on=timezone.localdate())
                if dry_run:
                    transaction.set_rollback(True)
        except (ValidationError, KeyError, TypeError) as error:
            raise CommandError(f"Nothing was loaded, a service is not valid: {error}") from error
        prefix = "Dry run: would have " if dry_run else ""
        self.stdout.write(f"{prefix}{created} services created, {updated} updated.")
