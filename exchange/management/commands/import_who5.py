from django.utils.translation import gettext as _

from exchange.services import import_who5

from ._base import ExchangeCommand


class Command(ExchangeCommand):
    help = ("Import WHO-5 answers (.csv, exchange format v1) into a project. All or nothing; "
            "every Borger-ID must exist in the project. Importing the same file again adds nothing twice.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("slug")
        parser.add_argument("path")

    def handle(self, *args, slug, path, **options):
        project = self.project(slug)
        result = self.run_import(import_who5, project=project, data=self.read(path))
        self.stdout.write(_("Imported: %(created)s new WHO-5 answers, %(updated)s updated, %(unchanged)s unchanged.")
                          % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged})
