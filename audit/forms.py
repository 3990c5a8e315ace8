from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, Form

from .models import AccessEvent


class AuditFilterForm(Form):
    identity_allows = {"user": ("email",)}  # staff user names may be work e-mail addresses
    course = forms.CharField(label=_("Course id"), max_length=12, required=False,
                             help_text=_("Who has looked at this course?"))
    user = forms.CharField(label=_("User name"), max_length=150, required=False,
                           help_text=_("What has this user done?"))
    action = forms.ChoiceField(label=_("What"), required=False,
                               choices=[("", _("Everything"))] + list(AccessEvent.Action.choices))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean_course(self):
        return self.cleaned_data["course"].strip().upper()

    def clean_user(self):
        return self.cleaned_data["user"].strip()
