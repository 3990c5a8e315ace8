from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.forms import Form


class FindCourseForm(Form):
    code = forms.CharField(label=_("Course id"), max_length=12, help_text=_("For example KBH-7QF3."))

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class EraseForm(Form):
    confirm = forms.CharField(label=_("Type the course id to confirm"), max_length=12)

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().upper()
        if value != self.course.code:
            raise forms.ValidationError(_("That is not the id of this course."))
        return value
