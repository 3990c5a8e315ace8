"""Form plumbing shared by every app: DKFDS markup, and the checks every text field gets."""

from functools import partial

from django import forms
from django.forms.renderers import DjangoTemplates

from .identity import KINDS, check_no_identity
from .text import clean_control_characters


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
    """A free-text field that refuses anything identifying a citizen (outside a form of ours too)."""

    default_validators = [check_no_identity]


def check_period(form, data, start: str, end: str, message) -> None:
    """Add `message` to the `end` field when both dates are given and the end comes first."""
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, message)


def is_text_field(field) -> bool:
    """A field people type text into. Not a password (never altered, never stored as typed), nor a
    UUID or JSON (parsed into an id or data: a record id can be all digits in places, 20241234-…)."""
    return (isinstance(field, forms.CharField) and not isinstance(field, forms.UUIDField | forms.JSONField)
            and not isinstance(field.widget, forms.PasswordInput))


class TextSafeFormMixin:
    """Every text field of every form, without exception unless declared: control characters
    are taken out (brobygger/text.py) and the identity check runs (brobygger/identity.py).

    Safe by default: a field added tomorrow, a model field a ModelForm brings along, or one a
    form adds in its __init__ is checked without anyone remembering to. A field that may hold
    some kinds of identifying detail says so in `identity_allows`, with the reason beside it;
    a CPR number is refused everywhere it is not declared.

    What was typed stays in the form when the identity check refuses it (issue 17.6): the
    field is marked with the reason and the person removes the identifying part themselves,
    without losing the rest of the note. The refused text goes back only to the browser that
    sent it, on a page that is never stored (`no-store` on every page); it is never saved or
    logged.
    """

    # Field name -> the kinds of identity (brobygger.identity.KINDS) the field may hold.
    identity_allows: dict[str, tuple[str, ...]] = {}

    def full_clean(self):
        self.guard_text_fields()
        super().full_clean()

    def guard_text_fields(self) -> list[str]:
        """Put the checks on every text field (once) and clean the submitted text; returns their names."""
        names = []
        for name, field in self.fields.items():
            if not is_text_field(field):
                continue
            names.append(name)
            if not getattr(field, "text_guarded", False):
                # The form's declaration decides, for a FreeTextField too (its own check knows no allowance).
                field.validators = [v for v in field.validators if v is not check_no_identity]
                allow = tuple(self.identity_allows.get(name, ()))
                if set(allow) != set(KINDS):
                    field.validators.append(partial(check_no_identity, allow=allow))
                field.text_guarded = True
            if self.is_bound:
                self._clean_submitted(self.add_prefix(name), multiline=isinstance(field.widget, forms.Textarea))
        return names

    def _clean_submitted(self, key: str, *, multiline: bool) -> None:
        getlist = getattr(self.data, "getlist", None)
        values = getlist(key) if getlist else [self.data.get(key)]
        cleaned = [clean_control_characters(v, multiline=multiline) if isinstance(v, str) else v for v in values]
        if cleaned == values:
            return
        data = self.data.copy()  # a request's QueryDict is immutable; its copy is not
        if getlist:
            data.setlist(key, cleaned)
        else:
            data[key] = cleaned[0]
        self.data = data


class Form(TextSafeFormMixin, forms.Form):
    pass


class ModelForm(TextSafeFormMixin, forms.ModelForm):
    pass
