from django.utils.translation import gettext as _

from exchange.services import import_registrations

from ._base import ExchangeCommand


class Command(ExchangeCommand):
    help = ("Import a registration workbook (.xlsx, exchange format version 1 or 2) into a project. All or nothing: "
            "any problem stores nothing and lists every problem. Importing the same file again adds nothing twice.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("slug")
        parser.add_argument("path")

    def handle(self, *args, slug, path, **options):
        project = self.project(slug)
        result = self.run_import(import_registrations, project=project, data=self.read(path))
        self.stdout.write(_(
            "Imported: %(created)s new citizens, %(updated)s updated, %(unchanged)s unchanged, "
            "%(records)s interventions and %(referrals)s referrals added.") % {
            "created": result.created, "updated": result.updated, "unchanged": result.unchanged,
            "records": result.interventions_added, "referrals": result.referrals_added})
        if result.measurements_added or result.measurements_updated:
            self.stdout.write(_("Exit indicators: %(added)s measurements added, %(updated)s updated.") % {
                "added": result.measurements_added, "updated": result.measurements_updated})
