"""Password rules of our own, beside Django's (settings.AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _letters_and_digits(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


class UserNameNotInPasswordValidator:
    """The user name must not be in the password, in any case or spacing.

    The first thing an attacker tries. Django's similarity check lets a long password that
    contains the user name through; this is the rule many directories use (not contained, for
    names of three characters or more).
    """

    MINIMUM = 3

    def validate(self, password, user=None):
        name = _letters_and_digits(getattr(user, "username", "") or "")
        if len(name) >= self.MINIMUM and name in _letters_and_digits(password):
            raise ValidationError(_("The password must not contain the user name."), code="password_has_user_name")

    def get_help_text(self):
        return _("The password must not contain the user name.")
