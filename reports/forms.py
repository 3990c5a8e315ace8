from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, Form


class ReportForm(Form):
    as_of = forms.DateField(label=_("Report date"), widget=DateInput(), required=False,
                            help_text=_("Counts everything up to and including this date."))
    period_start = forms.DateField(label=_("Period from (optional)"), widget=DateInput(), required=False,
                                   help_text=_("Leaves out courses that ended before this date."))

    def clean(self):
        data = super().clean()
        data["as_of"] = data.get("as_of") or timezone.localdate()
        start = data.get("period_start")
        if start and start > data["as_of"]:
            self.add_error("period_start", _("The period must start on or before the report date."))
        return data

    def dates(self):
        """(as_of, period_start) from a valid form, else today and no period."""
        if self.is_valid():
            return self.cleaned_data["as_of"], self.cleaned_data.get("period_start")
        return timezone.localdate(), None
