from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.forms import DateInput, Form

from .models import ANSWER_MAX, ITEM_COUNT


class Who5Form(Form):
    """The five statements in one language, each answered 0-5 (shown from 'all of the time' down)."""

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        choices = [(str(v), language.answer_label(v)) for v in range(ANSWER_MAX, -1, -1)]
        for i, statement in enumerate(language.items, start=1):
            self.fields[f"item{i}"] = forms.TypedChoiceField(
                label=statement, choices=choices, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": _("Choose the answer that fits best.")},
            )

    def statements(self):
        return [self[f"item{i}"] for i in range(1, ITEM_COUNT + 1)]

    @property
    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item{i}"] for i in range(1, ITEM_COUNT + 1)]


class WorkerWho5Form(Who5Form):
    """The same statements, answered with a worker: the worker also gives the date."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_on"] = forms.DateField(
            label=_("Date of the answer"), widget=DateInput, initial=timezone.localdate
        )
