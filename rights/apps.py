from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data protection and retention")

    def ready(self):
        from brobygger import navigation

        from .access import is_rights_officer

        navigation.register(810, "rights_home", _("Citizens' rights"), is_rights_officer)
