from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, Form, ModelForm

from .models import Audience, Service, ServiceKind


class ServiceForm(ModelForm):
    # A service's own public phone number and e-mail are what the directory is for (the public page
    # shows them to citizens): allowed in its contact and web address. A CPR number never is.
    identity_allows = {"contact": ("phone", "email"), "website": ("phone", "email")}
    audiences = forms.MultipleChoiceField(label=_("For whom"), choices=Audience.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Service
        fields = ["name", "provider", "kind", "offers", "audiences", "anonymous", "languages", "opening_hours", "place",
                  "contact", "website", "last_checked", "is_public", "active"]
        widgets = {"last_checked": DateInput(), "offers": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["audiences"].initial = self.instance.audience_codes


class ServiceSearchForm(Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    audience = forms.ChoiceField(label=_("For whom"), required=False,
                                 choices=[("", _("Anyone"))] + list(Audience.choices))
    kind = forms.ChoiceField(label=_("Kind of service"), required=False,
                             choices=[("", _("All kinds"))] + list(ServiceKind.choices))
    anonymous = forms.BooleanField(label=_("Only anonymous services"), required=False)
