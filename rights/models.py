from django.db import models
from django.utils.translation import gettext_lazy as _


class RetainedCount(models.Model):
    """What the reports still need of deleted courses: anonymous sums by month and one category.

    A row adds up, over every deleted course of the project, one figure (a count and a sum)
    keyed by the month from which it counts and a single category (a gender, an age band, an
    intervention, an answer number, ...), never a crossing of two categories, so no row
    describes a person. "Starting" rows (`ended` empty) add to every report whose period ends
    in or after `month`; "ending" rows take back what courses that ended in the month
    `ended` gave, for reports whose period starts after that month. docs/rights.md explains
    why the two kinds reproduce a report exactly. Rows are only added to, never changed by hand.
    """

    class Measure(models.TextChoices):
        CITIZENS = "citizens", _("Courses")
        AGE = "age", _("Courses by age band (sum: ages)")
        GENDER = "gender", _("Courses by gender")
        SINGLE_DAY = "single_day", _("Courses that started and ended on the same day")
        LENGTH_STARTED = "length_started", _("Longer courses started (sum: start days)")
        LENGTH_ENDED = "length_ended", _("Longer courses ended (sum: end days)")
        LENGTH = "length", _("Longer courses (sum: days from start to end)")
        INTERVENTIONS_REACHED = "interventions_reached", _("Courses that reached n different interventions")
        INTERVENTION = "intervention", _("Courses that received an intervention")
        TRAFFICKING = "trafficking", _("Courses referred to anti-trafficking help")
        WHO5_ANSWER = "who5_answer", _("WHO-5 answers by answer number (sum: scores)")
        WHO5_FIRST = "who5_first", _("WHO-5 answers by answer number (sum: first scores)")
        WHO5_SQUARES = "who5_squares", _("WHO-5 answers by answer number (sum: squared changes)")
        REFERRALS_STARTED = "referrals_started", _("Referrals started")
        # The exit indicators' paired change (outcomes.selectors): one indicator's answer at the first
        # measurement and at the latest ("housing:shelter:own_lease"), counting from `month` until `until`.
        INDICATOR_PAIR = "indicator_pair", _("Exit indicators: courses by one indicator's first and latest answer")
        # For the budget's WHO-5 indicators: rows that count from `month` until `until`.
        WHO5_FOLLOW_UP = "who5_follow_up", _("WHO-5 follow-ups counted as due, answered or missed")
        WHO5_LATEST = "who5_latest", _("WHO-5 latest answers (sum: change from the first)")
        WHO5_LATEST_RISEN = "who5_latest_risen", _("WHO-5 latest answers 10 points or more above the first")
        # Written before December 2026 (one month and one category, no ending rows): kept, not
        # enough to reproduce a report; a report that meets them says so.
        COURSES = "courses", _("Courses started (before December 2026)")
        COURSES_BY_GENDER = "courses_by_gender", _("Courses by gender (before December 2026)")
        COURSES_BY_AGE_BAND = "courses_by_age_band", _("Courses by age band (before December 2026)")
        COURSES_ENDED = "courses_ended", _("Courses ended, by reason (before December 2026)")
        INTERVENTIONS = "interventions", _("Interventions received (before December 2026)")
        CITIZENS_PER_INTERVENTION = "citizens_per_intervention", _(
            "Citizens who received an intervention (before December 2026)")
        REFERRALS = "referrals", _("Referrals by kind of service (before December 2026)")
        WHO5_ANSWERS = "who5_answers", _("WHO-5 answers (before December 2026)")

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="retained_counts")
    month = models.DateField(_("month"), help_text=_("The first day of the month from which the row counts."))
    ended = models.DateField(_("courses ended in"), null=True, blank=True,
                             help_text=_("For ending rows: the first day of the month the courses ended in."))
    until = models.DateField(_("counts until"), null=True, blank=True,
                             help_text=_("For rows that stop counting (the WHO-5 indicators, the exit indicators' "
                                         "latest answer): the first day of the month the row stops counting."))
    measure = models.CharField(_("measure"), max_length=40, choices=Measure.choices)
    category = models.CharField(_("category"), max_length=120, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    total = models.BigIntegerField(_("sum"), default=0, help_text=_("E.g. the sum of WHO-5 scores, for means."))

    class Meta:
        ordering = ["project", "month", "measure", "category"]
        verbose_name = _("retained count")
        verbose_name_plural = _("retained counts")
        # No unique constraint: `ended` is empty on starting rows, and databases disagree on
        # whether two empty values clash. The writer adds to an existing row where there is
        # one; a second row with the same key would only be added up with it.
        indexes = [models.Index(fields=["project", "month"])]

    def __str__(self):
        return f"{self.project} {self.month:%Y-%m} {self.measure} {self.category}: {self.count}"
