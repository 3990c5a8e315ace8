from django.db import models
from django.utils.translation import gettext_lazy as _


class RetainedCount(models.Model):
    """What aggregate reports still need of deleted courses: counts by month and one category.

    Each row counts along a single dimension (gender, age band, intervention, ...), never a
    crossing of them, so no row can be traced back to a person.
    """

    class Measure(models.TextChoices):
        COURSES = "courses", _("Courses started")
        COURSES_BY_GENDER = "courses_by_gender", _("Courses by gender")
        COURSES_BY_AGE_BAND = "courses_by_age_band", _("Courses by age band")
        COURSES_ENDED = "courses_ended", _("Courses ended, by reason")
        INTERVENTIONS = "interventions", _("Interventions received")
        CITIZENS_PER_INTERVENTION = "citizens_per_intervention", _("Citizens who received an intervention")
        REFERRALS = "referrals", _("Referrals by kind of service")
        WHO5_ANSWERS = "who5_answers", _("WHO-5 answers")

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="retained_counts")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    measure = models.CharField(_("measure"), max_length=40, choices=Measure.choices)
    category = models.CharField(_("category"), max_length=120, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    total = models.BigIntegerField(_("sum"), default=0, help_text=_("E.g. the sum of WHO-5 scores, for means."))

    class Meta:
        ordering = ["project", "month", "measure", "category"]
        verbose_name = _("retained count")
        verbose_name_plural = _("retained counts")
        constraints = [
            models.UniqueConstraint(fields=["project", "month", "measure", "category"], name="retained_count_unique"),
        ]

    def __str__(self):
        return f"{self.project} {self.month:%Y-%m} {self.measure} {self.category}: {self.count}"
