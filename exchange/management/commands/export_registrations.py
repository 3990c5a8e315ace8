from pathlib import Path

from django.utils.translation import gettext as _

from exchange.services import export_registrations, export_who5

from ._base import ExchangeCommand


class Command(ExchangeCommand):
    help = "Write a project's registrations (.xlsx) and, with --who5, its WHO-5 answers (.csv) in the exchange format."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("slug")
        parser.add_argument("path", help="The workbook to write.")
        parser.add_argument("--who5", default="", help="Also write the WHO-5 answers to this CSV file.")

    def handle(self, *args, slug, path, who5, **options):
        project = self.project(slug)
        Path(path).write_bytes(export_registrations(project))
        if who5:
            Path(who5).write_bytes(export_who5(project))
        self.stdout.write(_("Wrote the registrations of %(name)s.") % {"name": project.name})
