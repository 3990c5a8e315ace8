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
    """What was typed stays in the form when the identity check refuses it (issue 17.6).

    The field is marked with the reason, and the person removes the identifying part
    themselves, without losing the rest of the note. The refused text goes back only to the
    browser that sent it, on a page that is never stored (`no-store` on every page); it is
    never saved or logged.
    """


class Form(IdentitySafeFormMixin, forms.Form):
    pass


class ModelForm(IdentitySafeFormMixin, forms.ModelForm):
    pass
