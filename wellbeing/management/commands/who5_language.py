"""Add or update one official WHO-5 translation from a JSON file, without changing code."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wellbeing.wording import save_who5_language


class Command(BaseCommand):
    help = (
        "Adds or updates the WHO-5 in one language from a JSON file with code, name, intro, lead, "
        "items (the five statements) and answers (the six answers from 0 'at no time' to 5 'all of the "
        "time'). Use only an official translation: a changed wording is not WHO-5."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the JSON file")
        parser.add_argument("--dry-run", action="store_true", help="check the file, change nothing")

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            language, created = save_who5_language(data=data, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        verb = "would add" if dry_run and created else "would update" if dry_run else "added" if created else "updated"
        self.stdout.write(f"WHO-5 in {language.name} ({language.code}): {verb}.")
