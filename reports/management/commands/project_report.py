import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from projects.models import Project
from reports.selectors import project_report


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from None


class Command(BaseCommand):
    help = "Print a project's report (exchange format v1, section 5) as one JSON object."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--as-of", default="", help="The report date, YYYY-MM-DD (today by default).")
        parser.add_argument("--from", dest="period_start", default="",
                            help="Optional start of the period: courses ended before it are left out.")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, slug, as_of, period_start, **options):
        try:
            project = Project.objects.get(slug=slug)
        except Project.DoesNotExist:
            raise CommandError(f"There is no project with the short name {slug}.") from None
        report = project_report(project, _date(as_of) if as_of else timezone.localdate(),
                                _date(period_start) if period_start else None)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
