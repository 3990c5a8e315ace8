from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, Form, FreeTextField, ModelForm
from projects.models import Organisation, Project

from .models import Action, Advisor, Module, NetworkMeeting, Question, Section
from .services import inspect_image

RATING_CHOICES = [
    (1, _("1 - I know very little")), (2, _("2")), (3, _("3 - I know some")), (4, _("4")),
    (5, _("5 - I know a lot")),
]


class ModuleForm(ModelForm):
    class Meta:
        model = Module
        fields = ["title", "summary", "topics", "order", "author_note"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "author_note": forms.Textarea(attrs={"rows": 3})}


class SectionForm(ModelForm):
    class Meta:
        model = Section
        fields = ["heading", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class ImageForm(Form):
    image = forms.FileField(label=_("Image"), help_text=_("PNG, JPEG, GIF or WebP, at most 2 MB."))
    alt = forms.CharField(label=_("Alternative text"), max_length=300,
                          help_text=_("What the image shows, for people who cannot see it."))
    caption = FreeTextField(label=_("Caption"), max_length=300, required=False)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("The image is too big: at most 2 MB."))
        data = upload.read()
        inspect_image(data)
        return data


class QuestionForm(ModelForm):
    class Meta:
        model = Question
        fields = ["kind", "text", "choices", "correct", "explanation"]
        widgets = {"kind": forms.RadioSelect, "choices": forms.Textarea(attrs={"rows": 4}),
                   "explanation": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("kind") == Question.Kind.CHOICE:
            choices = [c for c in (data.get("choices") or "").splitlines() if c.strip()]
            if len(choices) < 2:
                self.add_error("choices", _("Give at least two choices, one per line."))
            elif data.get("correct") and not 1 <= data["correct"] <= len(choices):
                self.add_error("correct", _("There is no choice with that number."))
        return data


class RatingForm(Form):
    rating = forms.TypedChoiceField(coerce=int, choices=RATING_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, topics="", after=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].label = (
            _("How much do you know now about: %(topics)s?") if after else
            _("How much do you know about: %(topics)s?")
        ) % {"topics": topics}


class SectionAnswersForm(Form):
    """One field per question of the section."""

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.questions = {}
        for question in questions:
            name = f"q{question.pk}"
            self.questions[name] = question
            previous = answers.get(question.pk)
            if question.kind == Question.Kind.CHOICE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text, coerce=int, widget=forms.RadioSelect, required=False,
                    choices=[(i, c) for i, c in enumerate(question.choice_list, start=1)],
                    initial=previous.choice if previous else None,
                )
            else:
                self.fields[name] = FreeTextField(
                    label=question.text, required=False, widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=_("Only you see your answer. Write nothing that could identify a citizen."),
                    initial=previous.text if previous else "",
                )

    def answers(self) -> dict:
        result = {}
        for name, question in self.questions.items():
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                result[question] = value
        return result


class AdvisorForm(ModelForm):
    # An advisor is staff: their work e-mail and phone are their contact details at work.
    identity_allows = {"work_email": ("email",), "work_phone": ("phone",)}
    class Meta:
        model = Advisor
        fields = ["name", "unit", "organisation", "user", "work_email", "work_phone", "since", "active"]
        widgets = {"since": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User

        self.fields["user"].queryset = User.objects.filter(memberships__isnull=False, is_active=True).distinct()


class MeetingForm(ModelForm):
    class Meta:
        model = NetworkMeeting
        fields = ["project", "date", "place", "agenda", "minutes"]
        widgets = {"date": DateInput(), "agenda": forms.Textarea(attrs={"rows": 5}),
                   "minutes": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"minutes": _("Never write anything that could identify a citizen: no CPR numbers, phone "
                                   "numbers or e-mail addresses.")}

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(pk__in=projects)
        self.organisations = list(Organisation.objects.order_by("name"))
        present = {a.organisation_id: a.people for a in self.instance.attendance.all()} if self.instance.pk else {}
        for org in self.organisations:
            self.fields[f"org_{org.pk}"] = forms.IntegerField(
                label=_("People from %(organisation)s") % {"organisation": org.name}, min_value=0, max_value=99,
                required=False, initial=present.get(org.pk),
            )
        if not self.instance.pk:
            self.fields["date"].initial = timezone.localdate()

    def attendance(self) -> dict:
        return {org: self.cleaned_data.get(f"org_{org.pk}") or 0 for org in self.organisations}

    def meeting_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ActionForm(ModelForm):
    class Meta:
        model = Action
        fields = ["text", "owner", "due"]
        widgets = {"due": DateInput()}
