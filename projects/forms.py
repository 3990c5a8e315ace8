from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, ModelForm, check_period

from .models import Intervention, Organisation, Project, Site


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]


class ProjectForm(ModelForm):
    class Meta:
        model = Project
        fields = [
            "name", "slug", "code_prefix", "start_date", "end_date", "lead_organisation", "partners",
            "description", "who5_interval_months", "retention_years",
        ]
        widgets = {
            "start_date": DateInput(), "end_date": DateInput(), "partners": forms.CheckboxSelectMultiple,
        }

    def clean_code_prefix(self):
        prefix = self.cleaned_data["code_prefix"].strip().upper()
        if not (2 <= len(prefix) <= 4 and prefix.isalpha() and prefix.isascii()):
            raise forms.ValidationError(_("Use 2-4 letters A-Z."))
        return prefix

    def clean(self):
        cleaned = super().clean()
        check_period(self, cleaned, "start_date", "end_date", _("The end cannot be before the start."))
        return cleaned


class UniqueNameInProjectMixin:
    """The name is unique within the project (the form has no project field, so Django's own
    constraint check skips it and a duplicate would reach the database)."""

    duplicate_message = ""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        siblings = type(self.instance).objects.filter(project=self.instance.project, name__iexact=name)
        if siblings.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(self.duplicate_message)
        return name


class InterventionForm(UniqueNameInProjectMixin, ModelForm):
    duplicate_message = _("The catalogue already has an intervention with this name.")

    class Meta:
        model = Intervention
        fields = ["name", "description", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SiteForm(UniqueNameInProjectMixin, ModelForm):
    duplicate_message = _("The project already has a site with this name.")

    class Meta:
        model = Site
        fields = ["name", "active"]
