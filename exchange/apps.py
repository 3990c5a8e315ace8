from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Import and export")

    def ready(self):
        from brobygger import navigation

        navigation.register(
            75, "import_start", _("Import"), lambda user: any(m.can_manage_project for m in user.active_memberships)
        )
