from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Staff and roles")

    def ready(self):
        from brobygger import navigation

        from . import demo  # noqa: F401  (registers its part of the demo data)

        navigation.register(92, "user_list", _("Staff users"), lambda user: user.is_administrator)
