from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, Form, ModelForm
from directory.selectors import service_choices
from projects.models import Intervention, Organisation

from . import consent as consent_rules
from .models import BreakGlass, Consent, Course, Gender, InterventionRecord, Referral
from .selectors import responsible_candidates
from .services import BREAK_GLASS_MINIMUM_REASON, check_adult, check_course_date


class CourseForm(ModelForm):
    """Register or edit a course. The project and organisation come from the user's roles."""

    membership = forms.ChoiceField(label=_("Project and organisation"))
    field_order = ["membership"]  # first: where the course belongs, then what is known

    class Meta:
        model = Course
        fields = ["gender", "age_at_start", "birth_year", "start_date", "project_ref"]
        widgets = {"start_date": DateInput(), "gender": forms.RadioSelect}
        help_texts = {
            "age_at_start": _("In whole years. Leave empty if unknown."),
            "birth_year": _("Only if the age is not known. Leave empty if unknown."),
        }

    def __init__(self, *args, memberships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.pk): m for m in memberships}
        if self.instance.pk:
            del self.fields["membership"]
        else:
            self.fields["membership"].choices = [
                (key, f"{m.project} · {m.organisation}") for key, m in self.memberships.items()
            ]
            if len(self.memberships) == 1:
                self.fields["membership"].initial = next(iter(self.memberships))
                self.fields["membership"].widget = forms.HiddenInput()
            self.fields["start_date"].initial = timezone.localdate()
        self.fields["gender"].choices = Gender.choices
        self.fields["age_at_start"].widget.attrs.update({"inputmode": "numeric", "class": "input-width-xs"})
        self.fields["birth_year"].widget.attrs.update({"inputmode": "numeric", "class": "input-width-xs"})

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start > timezone.localdate():
            raise forms.ValidationError(_("The start cannot be in the future."))
        return start

    def clean(self):
        cleaned = super().clean()
        membership = self.memberships.get(cleaned.get("membership"))
        if not self.instance.pk and "membership" in cleaned and membership is None:
            self.add_error("membership", _("Choose a project."))
        self.chosen_membership = membership
        if membership is not None:
            self.instance.project = membership.project
            self.instance.organisation = membership.organisation
        try:
            check_adult(
                age_at_start=cleaned.get("age_at_start"), birth_year=cleaned.get("birth_year"),
                start_date=cleaned.get("start_date"),
            )
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned



class EndCourseForm(ModelForm):
    class Meta:
        model = Course
        fields = ["end_date", "end_reason"]
        widgets = {"end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True
        self.fields["end_reason"].required = True
        # The instance's empty end date would win over a field initial, so the default goes in the form's initial.
        if self.initial.get("end_date") is None:
            self.initial["end_date"] = timezone.localdate()

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.instance.start_date:
            raise forms.ValidationError(_("The end cannot be before the start of the course."))
        if end > timezone.localdate():
            raise forms.ValidationError(_("The end cannot be in the future."))
        return end


class InterventionRecordForm(ModelForm):
    class Meta:
        model = InterventionRecord
        fields = ["intervention", "date", "note"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, course: Course, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.course = course
        self.instance.organisation = organisation
        self.fields["intervention"].queryset = Intervention.objects.filter(project=course.project, active=True)
        self.fields["date"].initial = timezone.localdate()
        self.course = course

    def clean_date(self):
        day = self.cleaned_data["date"]
        try:
            check_course_date(course=self.course, day=day, field="date")
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["date"]) from None
        return day


class ReferralForm(ModelForm):
    """Where to: one choice, a service from the directory; only if it is not there, its name and kind."""

    # The wording lives with the rule, in courses/consent.py.
    shared_with = forms.ModelChoiceField(
        label=consent_rules.SHARES_INFORMATION_LABEL, required=False, help_text=consent_rules.SHARES_INFORMATION_HELP,
        queryset=Organisation.objects.none(), empty_label=consent_rules.NO_SHARING_CHOICE,
    )

    class Meta:
        model = Referral
        fields = ["directory_service", "service_name", "target", "status", "date", "note"]
        widgets = {"date": DateInput()}
        labels = {
            "directory_service": _("Service"),
            "service_name": _("Not in the directory: the service's name"),
            "target": _("Not in the directory: the kind of service"),
        }
        help_texts = {
            "directory_service": _("Choose the service from the directory; the kind of service follows from it."),
            "service_name": _("Only if the service is not in the directory, e.g. the name of the drug treatment centre."),
        }

    def __init__(self, *args, course: Course, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.course = course
        self.instance.organisation = organisation
        self.fields["date"].initial = timezone.localdate()
        self.course = course
        self.fields["directory_service"].queryset = service_choices()
        self.fields["directory_service"].empty_label = _("Not in the directory")
        self.fields["target"].required = False
        self.fields["target"].choices = [("", "—")] + list(Referral.Target.choices)
        # Only where the citizen's consent stands today; the service checks again when saving.
        self.fields["shared_with"].queryset = Organisation.objects.filter(
            pk__in=consent_rules.standing_referral_consents(course).values("organisation")
        )

    def clean(self):
        data = super().clean()
        service, name = data.get("directory_service"), (data.get("service_name") or "").strip()
        if service and name:
            self.add_error("service_name", _("Choose the service from the directory or type its name, not both."))
        elif service:
            data["service_name"], data["target"] = service.name, service.kind
            self.instance.target = service.kind
        elif name:
            if not data.get("target"):
                self.add_error("target", _("Choose the kind of service."))
        elif "directory_service" not in self.errors:
            self.add_error("directory_service", _("Choose the service from the directory, or type its name below."))
        if data.get("shared_with") and data.get("date"):
            if consent_rules.referral_consent(self.course, data["shared_with"], data["date"]) is None:
                self.add_error("shared_with", consent_rules.NO_CONSENT_MESSAGE)
        return data

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class ReferralStatusForm(Form):
    status = forms.ChoiceField(label=_("New status"), choices=Referral.Status.choices)


class ResponsibleForm(Form):
    """The coordinator's choice of responsible worker, among the staff of the course's organisation."""

    responsible = forms.ModelChoiceField(label=_("Responsible worker"), queryset=None, required=False,
                                         empty_label=_("No one"))

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = responsible_candidates(course)


class ConsentForm(ModelForm):
    class Meta:
        model = Consent
        fields = ["organisation", "scope", "given_on"]
        widgets = {"given_on": DateInput(), "scope": forms.RadioSelect}
        # Said as the citizen's agreement, not as "shared with", which read as if something had already been sent.
        labels = {"organisation": _("Partner organisation the citizen agrees to"),
                  "scope": _("What the citizen agrees to"), "given_on": _("Consent given on")}

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.course = course
        self.fields["organisation"].queryset = course.project.organisations().exclude(pk=course.organisation_id)
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        day = self.cleaned_data["given_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class BreakGlassForm(ModelForm):
    class Meta:
        model = BreakGlass
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        labels = {"reason": _("Why do you need the course now?")}
        help_texts = {"reason": _("Say what the emergency is, without names, CPR numbers or other identifying "
                                  "details. The project's coordinator reads it.")}

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < BREAK_GLASS_MINIMUM_REASON:
            raise forms.ValidationError(_("Say in a sentence why you need the course now."))
        return reason


class CourseFilterForm(Form):
    STATUS_CHOICES = [("", _("All")), ("open", _("Open")), ("ended", _("Ended")), ("attention", _("Needs attention"))]

    q = forms.CharField(label=_("Course id"), required=False, max_length=40)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    project = forms.ChoiceField(label=_("Project"), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)
    intervention = forms.ModelChoiceField(label=_("Received intervention"), queryset=Intervention.objects.none(),
                                          required=False)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", _("All"))] + [(p.slug, p.name) for p in projects]
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for p in projects for o in p.organisations()]
        )
        self.fields["intervention"].queryset = Intervention.objects.filter(project__in=projects).select_related(
            "project"
        )
        self.fields["intervention"].label_from_instance = (
            lambda i: f"{i.name} ({i.project.name})" if len(projects) > 1 else i.name
        )
