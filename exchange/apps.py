from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Import and export")

    def ready(self):
        from accounts.access import coordinates_a_project
        from brobygger import navigation

        from . import demo  # noqa: F401  (registers the demo data)

        navigation.register(
            75, "import_start", _("Import"), coordinates_a_project
        )
