from django import forms
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

from brobygger.forms import Form

from .models import ExportRequest


class ExportRequestForm(Form):
    kind = forms.ChoiceField(label=_("What to export"), choices=ExportRequest.Kind.choices, widget=forms.RadioSelect)
    recipient_kind = forms.ChoiceField(label=_("Who receives it"), choices=ExportRequest.RecipientKind.choices,
                                       widget=forms.RadioSelect)
    recipient_organisation = forms.ModelChoiceField(
        label=_("Organisation in the project"), queryset=None, required=False,
        help_text=_("Only when the recipient is an organisation in the project."))
    recipient_name = forms.CharField(label=_("Name of the other body"), max_length=200, required=False,
                                     help_text=_("Only when the recipient is another body, e.g. a university."))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=[("", BLANK_CHOICE_LABEL), *ExportRequest.Purpose.choices])
    purpose_text = forms.CharField(
        label=_("The purpose in your own words"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the recipient will use the data for. Never a name, CPR number or phone number."))

    def __init__(self, *args, project, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisation"].queryset = project.organisations().order_by("name")
        self.fields["kind"].choices = [(k, label) for k, label in ExportRequest.Kind.choices if k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = next(iter(kinds))

    def clean(self):
        data = super().clean()
        kind = data.get("recipient_kind")
        if kind == ExportRequest.RecipientKind.ORGANISATION and not data.get("recipient_organisation"):
            self.add_error("recipient_organisation", _("Choose the organisation that receives the export."))
        if kind == ExportRequest.RecipientKind.OTHER and not (data.get("recipient_name") or "").strip():
            self.add_error("recipient_name", _("Name the body that receives the export."))
        return data


class DecisionForm(Form):
    note = forms.CharField(label=_("Reason (shown to the one who asked)"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
