from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from brobygger import navigation

        navigation.register(
            70, "report_index", _("Reports"), lambda user: any(m.can_see_reports for m in user.active_memberships)
        )
