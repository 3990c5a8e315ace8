from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "signin"
    verbose_name = _("Signing in")

    def ready(self):
        from brobygger import navigation

        from . import checks, signals  # noqa: F401

        navigation.register(900, "signin_account", _("Your sign-in"), lambda user: user.is_authenticated)
