from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from brobygger import demo
from projects.models import Organisation


class Command(BaseCommand):
    help = (
        "Only with DEBUG on (a demo server). Builds Copenhagen's demo set-up: organisations, two projects, sites, an intervention catalogue, "
        "fictitious courses and one demo user per role (password brobygger-demo). Refuses a database "
        "that already holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing (and succeed) if data exists.")
        parser.add_argument("--courses", type=int, default=40)

    def handle(self, *args, if_empty, courses, **options):
        # Demo users have a published password and may skip the second factor on a DEBUG server:
        # they must never land in a production database, even one that is empty.
        if not settings.DEBUG:
            raise CommandError("seed_demo runs only with DEBUG on (a demo server); this one has DEBUG off.")
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("The database already holds data; demo data not loaded.")
                return
            raise CommandError("The database already holds data; seed_demo only fills an empty one.")
        context = demo.build(courses=courses)
        self.stdout.write(
            f"Demo data loaded: {len(context['organisations'])} organisations, {len(context['courses'])} courses, "
            f"users {', '.join(context['users'])} (password {demo.DEMO_PASSWORD})."
        )
