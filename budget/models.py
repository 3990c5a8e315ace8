"""Initiatives, their budget lines and spending, goals' indicators, and the team meeting's flags.

Money is a Decimal with a currency, never a float. Budget lines hold the amount in whole
DKK (the budget note writes 1,000 DKK at the year's price level; we show thousands).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from brobygger.identity import check_no_identity

CURRENCY = "DKK"
MONEY = {"max_digits": 14, "decimal_places": 2}


class Currency(models.TextChoices):
    DKK = "DKK", "DKK"


class Initiative(models.Model):
    """One of a project's funded initiatives ("indsats") with its goal and how it is followed up."""

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="initiatives",
                                verbose_name=_("project"))
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200, validators=[check_no_identity])
    description = models.TextField(_("what is done"), blank=True, validators=[check_no_identity])
    goal = models.TextField(_("goal"), blank=True, validators=[check_no_identity])
    follow_up = models.TextField(_("how it is followed up"), blank=True, validators=[check_no_identity])
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="initiative_unique_number"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="initiative_end_not_before_start"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @classmethod
    def next_number(cls, project) -> int:
        """The number a new initiative of `project` gets: one more than the highest so far."""
        last = cls.objects.filter(project=project).order_by("-number").values_list("number", flat=True).first()
        return (last or 0) + 1


class BudgetLine(models.Model):
    """Money granted to an initiative for one year, on one committee's account."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        CONSTRUCTION = "construction", _("Construction")
        TRANSFER = "transfer", _("Transfers")

    initiative = models.ForeignKey(Initiative, models.CASCADE, related_name="lines", verbose_name=_("initiative"))
    text = models.CharField(_("activity"), max_length=300, validators=[check_no_identity],
                            help_text=_("Lines with the same activity are shown as one row in the budget table."))
    committee = models.CharField(_("committee"), max_length=20, validators=[check_no_identity], help_text=_("E.g. BIU or SOC."))
    account = models.CharField(_("appropriation"), max_length=20, validators=[check_no_identity], help_text=_("The 'bevilling', e.g. 35.10."))
    finance_account = models.CharField(
        _("account in the finance system"), max_length=40, validators=[check_no_identity],
        help_text=_("The account as it appears in the finance system's export; imported rows are matched on it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SERVICE)
    year = models.PositiveSmallIntegerField(_("year (price level)"))
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=CURRENCY)

    class Meta:
        ordering = ["initiative", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "finance_account", "year"], name="budgetline_unique_account"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_not_negative"),
            models.CheckConstraint(condition=Q(currency="DKK"), name="budgetline_currency_dkk"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="budgetline_year_plausible"),
        ]

    def __str__(self):
        return f"{self.text} ({self.committee} {self.account}, {self.year})"


class FinanceImport(models.Model):
    """One accepted upload of the finance system's CSV export."""

    initiative = models.ForeignKey(Initiative, models.CASCADE, related_name="imports")
    filename = models.CharField(max_length=200)
    file_hash = models.CharField(max_length=64)
    rows_added = models.PositiveIntegerField(default=0)
    rows_already_imported = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return self.filename


class SpendingEntry(models.Model):
    """Money spent or committed on a budget line in a month.

    Entered by hand (one amount per line, month and kind, replaced when entered again) or
    imported from the finance system (one entry per row, recognised again by its hash).
    """

    class Kind(models.TextChoices):
        SPENT = "spent", _("Spent")
        COMMITTED = "committed", _("Committed")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered")
        IMPORT = "import", _("Imported")

    line = models.ForeignKey(BudgetLine, models.CASCADE, related_name="entries", verbose_name=_("budget line"))
    month = models.DateField(_("month"))  # always the first day of the month
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SPENT)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=CURRENCY)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    text = models.CharField(_("text"), max_length=300, blank=True, validators=[check_no_identity])
    booked_on = models.DateField(null=True, blank=True)
    finance_import = models.ForeignKey(FinanceImport, models.CASCADE, null=True, blank=True, related_name="entries")
    row_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="spending_month_first_day"),
            models.CheckConstraint(condition=Q(currency="DKK"), name="spending_currency_dkk"),
            models.UniqueConstraint(fields=["line", "month", "kind"], condition=Q(source="manual"),
                                    name="spending_one_manual_amount_per_month"),
            models.CheckConstraint(condition=Q(source="manual") | Q(row_hash__isnull=False),
                                   name="spending_import_has_hash"),
        ]
        indexes = [models.Index(fields=["line", "month"])]

    def __str__(self):
        return f"{self.line_id} {self.month:%Y-%m} {self.kind} {self.amount} {self.currency}"


class GoalIndicator(models.Model):
    """An indicator that follows an initiative's goal, computed live; see brobygger.indicators."""

    initiative = models.ForeignKey(Initiative, models.CASCADE, related_name="indicators",
                                   verbose_name=_("initiative"))
    key = models.CharField(_("indicator"), max_length=60)
    target = models.DecimalField(_("target"), max_digits=10, decimal_places=1)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[check_no_identity])

    class Meta:
        ordering = ["initiative", "pk"]
        verbose_name = _("goal indicator")
        verbose_name_plural = _("goal indicators")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                   name="goalindicator_end_not_before_start"),
            models.CheckConstraint(condition=Q(target__gte=0), name="goalindicator_target_not_negative"),
        ]

    def __str__(self):
        return self.key


class MeetingHeld(models.Model):
    """The team held its meeting on this day: the next meeting page shows what happened since."""

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="+")
    held_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-held_on"]
        constraints = [models.UniqueConstraint(fields=["project", "held_on"], name="meetingheld_unique_day")]

    def __str__(self):
        return str(self.held_on)


class Flag(models.Model):
    """Something the coordinator wants the team to talk about at the next meeting."""

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="+")
    text = models.CharField(_("what to talk about"), max_length=300, validators=[check_no_identity],
                            help_text=_("No names or other details that identify a citizen; use the course id."))
    course = models.ForeignKey("courses.Course", models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("course"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    raised_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["raised_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(done_on__isnull=True) | Q(done_on__gte=F("raised_on")),
                                   name="flag_done_not_before_raised"),
        ]

    def __str__(self):
        return self.text
