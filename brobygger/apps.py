from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrobyggerConfig(AppConfig):
    name = "brobygger"
    verbose_name = "Brobygger"

    def ready(self):
        from . import navigation

        navigation.register(0, "home", _("Overview"), lambda user: True)
