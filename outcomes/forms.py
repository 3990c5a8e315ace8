from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, Form

from .categories import INDICATORS, Kind


class MeasurementForm(Form):
    """One short form: the date, the kind, and one row of radios per indicator (no free text)."""

    measured_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Measurement"), choices=Kind.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in INDICATORS:
            self.fields[indicator.field] = forms.ChoiceField(
                label=indicator.question, choices=indicator.choices.choices, widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer (there is always \"unknown\").")},
            )

    @property
    def answers(self) -> dict:
        return {i.field: self.cleaned_data[i.field] for i in INDICATORS}
