"""Form plumbing shared by every app: DKFDS markup and identity-safe re-rendering."""

from django import forms
from django.forms.renderers import DjangoTemplates

from .identity import check_no_identity


class DKFDSRenderer(DjangoTemplates):
    """Renders `{{ form }}` and `{{ field.as_field_group }}` as Det Fælles Designsystem markup."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class FreeTextField(forms.CharField):
    """A free-text field that refuses anything identifying a citizen."""

    default_validators = [check_no_identity]


def check_period(form, data, start: str, end: str, message) -> None:
    """Add `message` to the `end` field when both dates are given and the end comes first."""
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, message)


class IdentitySafeFormMixin:
    """A refused value is not sent back to the browser.

    If a field fails the identity check (a CPR number, phone or e-mail in free text),
    the re-rendered form shows that field empty, so the refused text appears on no page.
    """

    def add_error(self, field, error):
        super().add_error(field, error)
        self._blank_identity_fields()

    def _blank_identity_fields(self):
        if not self.is_bound or not self._errors:
            return
        blanked = [
            name
            for name, errors in self._errors.items()
            if name in self.fields
            and any(e.code == "identity" for e in errors.as_data())
            and self.data.get(self.add_prefix(name))
        ]
        if blanked:
            data = self.data.copy()
            for name in blanked:
                data[self.add_prefix(name)] = ""
            self.data = data


class Form(IdentitySafeFormMixin, forms.Form):
    pass


class ModelForm(IdentitySafeFormMixin, forms.ModelForm):
    pass
