import uuid
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from brobygger import agebands
from brobygger.forms import DateInput, DateTimeInput, Form, FreeTextField
from courses.models import Gender
from directory.selectors import service_choices

from .models import GroupActivity, HealthRoomVisit


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class CardCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Card code"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("help_text", _("Only if the person shows a card, or takes a new one. As printed, e.g. 6AA-TNY; the dash may be left out."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                                  "class": "input-width-s"})


class SavedOnceForm(Form):
    """A form whose record is saved once: the id goes with the form (and with the phone's queue), and a
    repeat of it (a double tap, a retry after a timeout) is the same record."""

    # A UUIDField is not a text field (brobygger.forms.is_text_field): no identity check to exempt it from.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)


class ContactForm(SavedOnceForm):
    OUTCOMES = [
        ("information_given", _("Information given")),
        ("appointment_booked", _("Appointment booked")),
        ("accompanied", _("Accompanied")),
    ]

    site = forms.ModelChoiceField(queryset=None, label=_("Site"), widget=forms.RadioSelect, empty_label=None)
    topics = forms.ModelMultipleChoiceField(queryset=None, label=_("Topics discussed"), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    outcomes = forms.MultipleChoiceField(choices=OUTCOMES, label=_("What came of it"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    referral_service = forms.ModelChoiceField(queryset=None, label=_("Referred to"), required=False,
                                              empty_label=_("No referral"),
                                              help_text=_("The service from the directory, as on a course."))
    card_code = CardCodeField()
    at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())
    staff = forms.ModelMultipleChoiceField(queryset=None, label=_("Staff present"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    age_band = forms.ChoiceField(label=_("Age band"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)
    note = FreeTextField(label=_("Short note"), required=False, max_length=300,
                         help_text=_("Never a name, CPR number, phone number or e-mail address."))

    def __init__(self, *args, project, user, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = project.sites.filter(active=True)
        self.fields["topics"].queryset = project.outreach_topics.filter(active=True)
        self.fields["staff"].queryset = User.objects.filter(
            memberships__project=project, memberships__role__in=["outreach", "coordinator"]
        ).distinct().order_by("first_name", "username")
        self.fields["referral_service"].queryset = service_choices()
        self.fields["age_band"].choices = [("", _("Not told"))] + list(agebands.CHOICES)
        self.fields["gender"].choices = [("", _("Not told"))] + [c for c in Gender.choices if c[0] != "unknown"]
        self.fields["at"].initial = _now_minute
        self.fields["staff"].initial = [user.pk]
        if not self.is_bound:
            sites = list(self.fields["site"].queryset[:2])
            if site is None and len(sites) == 1:
                site = sites[0]
            if site is not None:
                self.fields["site"].initial = site.pk
        self.fields["card_code"].widget.attrs["aria-describedby"] = "card-check id_card_code_helptext"


class HealthVisitForm(SavedOnceForm):
    uses = forms.MultipleChoiceField(
        label=_("What was used"), widget=forms.CheckboxSelectMultiple,
        choices=[(u, HealthRoomVisit._meta.get_field(u).verbose_name.capitalize()) for u in HealthRoomVisit.USES],
    )
    card_code = CardCodeField()
    at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = _now_minute


class ActivityForm(SavedOnceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupActivity.Kind.choices, widget=forms.RadioSelect)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    place = FreeTextField(label=_("Place"), max_length=120)
    organiser = forms.ModelChoiceField(queryset=None, label=_("Organiser"))
    topic = FreeTextField(label=_("Topic"), max_length=200)
    attendance = forms.IntegerField(label=_("Attendance"), min_value=0, max_value=10000,
                                    help_text=_("How many took part, as a number."))
    course_codes = forms.CharField(
        label=_("Registered citizens' course ids"), required=False, max_length=500,
        help_text=_("Only for registered citizens who agree: their course ids, separated by commas."),
    )

    def __init__(self, *args, project, with_courses: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = project.organisations().order_by("name")
        self.fields["date"].initial = timezone.localdate
        self.fields["attendance"].widget.attrs.update({"inputmode": "numeric", "class": "input-width-xs"})
        if not with_courses:
            del self.fields["course_codes"]

    def clean_course_codes(self):
        raw = self.cleaned_data.get("course_codes", "")
        return [c.strip().upper() for c in raw.replace(";", ",").split(",") if c.strip()]


class CardBatchForm(Form):
    size = forms.IntegerField(label=_("Number of cards"), min_value=1, max_value=200, initial=20)


class CardLinkForm(Form):
    card_code = CardCodeField(required=True, help_text=_("The code on the person's card."))
    course_code = forms.CharField(label=_("Course id"), max_length=12, help_text=_("For example KBH-7QF3."))


class TopicForm(Form):
    name = FreeTextField(label=_("New topic"), max_length=80)


class PeriodForm(Form):
    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def period(self):
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(weeks=12) + timedelta(days=1)
        if start > end:
            start, end = end, start
        return start, end
