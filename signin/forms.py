from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from brobygger.forms import Form, FreeTextField
from brobygger.identity import KINDS


class PasswordForm(AuthenticationForm):
    """Step 1: user name and password (failures are counted by signin.lockout)."""

    password = forms.CharField(
        label=_("Password"), strip=False, max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(Form):
    identity_allows = {"code": KINDS}  # a one-time code or recovery code: compared with a hash, never stored
    code = forms.CharField(
        label=_("Code from your authenticator app"), max_length=40,
        help_text=_("Six digits. Lost your phone? Type one of your recovery codes instead."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class EnrolForm(Form):
    identity_allows = {"code": KINDS}  # a one-time code, never stored
    code = forms.CharField(
        label=_("Code from your authenticator app"), max_length=10,
        help_text=_("The six digits the app shows for Brobygger right now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class LiftWaitForm(Form):
    reason = FreeTextField(
        label=_("Why the wait is lifted"), max_length=200,
        help_text=_("For the access log, e.g. how you know it was the person themselves. No citizen data."),
    )
