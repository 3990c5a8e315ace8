from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from brobygger import indicators
from brobygger.forms import DateInput, Form, FreeTextField, ModelForm, check_period
from brobygger.identity import KINDS

from .finance_csv import parse_amount
from .models import BudgetLine, Initiative, SpendingEntry
from .money import months_between


class AmountField(forms.CharField):
    """An amount in DKK typed the Danish or the English way (1.234,50 or 1234.50); a Decimal, never a float."""

    widget = forms.TextInput(attrs={"maxlength": 30, "inputmode": "decimal"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except ValueError:
            raise ValidationError(_("Write an amount in DKK, e.g. 12500 or 12.500,50."), code="invalid") from None


class SpendingForm(Form):
    identity_allows = {"amount": KINDS}  # an amount (12345678 kr is no phone number), parsed to a Decimal
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None, empty_label=None)
    month = forms.TypedChoiceField(label=_("Month"), coerce=date.fromisoformat)
    kind = forms.ChoiceField(label=_("Spent or committed"), choices=SpendingEntry.Kind.choices,
                             widget=forms.RadioSelect, initial=SpendingEntry.Kind.SPENT,
                             help_text=_("Committed: money bound by an agreement but not yet paid."))
    amount = AmountField(label=_("Amount in DKK"),
                         help_text=_("The month's total for the line. Entering it again replaces it."))
    text = FreeTextField(label=_("Note (optional)"), required=False, max_length=300)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = initiative.lines.all()
        self.fields["line"].label_from_instance = lambda line: f"{line.text} ({line.committee} {line.account}, {line.year})"
        self.fields["month"].choices = [
            (m.isoformat(), date_format(m, "F Y").capitalize())
            for m in months_between(initiative.start_date, initiative.end_date)
        ]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is None:
            raise ValidationError(_("Write an amount in DKK."), code="required")
        return Decimal(amount)


class ImportForm(Form):
    file = forms.FileField(
        label=_("CSV file from the finance system"),
        help_text=_("Columns: date, account, amount, text (Danish headings work too). "
                    "The whole file is refused if one row is wrong; rows imported before are skipped."),
    )


class IndicatorForm(Form):
    key = forms.ChoiceField(label=_("Indicator"))
    target = forms.DecimalField(label=_("Target"), min_value=0, max_digits=10, decimal_places=1)
    period_start = forms.DateField(label=_("From"), widget=DateInput)
    period_end = forms.DateField(label=_("To"), widget=DateInput)
    note = FreeTextField(label=_("Note (optional)"), required=False, max_length=300)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = indicators.choices()
        self.initial.setdefault("period_start", initiative.start_date)
        self.initial.setdefault("period_end", initiative.end_date)

    def clean(self):
        data = super().clean()
        check_period(self, data, "period_start", "period_end", _("The end is before the start."))
        return data


class FlagForm(Form):
    prefix = "flag"  # it shares the team meeting page with other forms
    text = FreeTextField(label=_("What should the team talk about?"), max_length=300,
                         help_text=_("No names or other details that identify a citizen."))
    course_code = forms.CharField(label=_("Course id (optional)"), required=False, max_length=12)

    def __init__(self, *args, project, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.project, self.user = project, user

    def clean_course_code(self):
        from courses.access import visible_courses

        code = self.cleaned_data["course_code"].strip().upper()
        if not code:
            return None
        course = visible_courses(self.user).filter(project=self.project, code=code).first()
        if course is None:
            raise ValidationError(_("No course with this id in the project."), code="unknown")
        return course


class InitiativeForm(ModelForm):
    class Meta:
        model = Initiative
        fields = ["name", "description", "goal", "follow_up", "start_date", "end_date"]
        widgets = {"start_date": DateInput, "end_date": DateInput,
                   "description": forms.Textarea(attrs={"rows": 3}), "goal": forms.Textarea(attrs={"rows": 3}),
                   "follow_up": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        check_period(self, data, "start_date", "end_date", _("The end is before the start."))
        return data


class BudgetLineForm(ModelForm):
    identity_allows = {"amount": KINDS}  # an amount, parsed to a Decimal
    amount = AmountField(label=_("Amount in DKK"), help_text=_("The whole amount in DKK, e.g. 879.000."))

    class Meta:
        model = BudgetLine
        fields = ["text", "committee", "account", "finance_account", "kind", "year", "amount"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is None or amount < 0:
            raise ValidationError(_("Write an amount of 0 DKK or more."), code="invalid")
        return amount

    def clean(self):
        data = super().clean()
        initiative = self.instance.initiative
        year = data.get("year")
        if year and not initiative.start_date.year <= year <= initiative.end_date.year:
            self.add_error("year", _("The year is outside the initiative's period."))
        account = data.get("finance_account")
        if account and year:
            clash = BudgetLine.objects.filter(initiative=initiative, finance_account=account, year=year)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("finance_account", _("The initiative already has a line on this account for the year."))
        return data
