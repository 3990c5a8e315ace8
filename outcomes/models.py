from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .categories import INDICATORS, Kind


def _indicator_field(indicator):
    return models.CharField(indicator.label, max_length=16, choices=indicator.choices.choices)


class Measurement(models.Model):
    """The exit indicators of one course on one day, recorded by a worker with the citizen.

    Every indicator is answered (an explicit "unknown" is an answer); the database refuses a
    blank or a value outside the fixed list, so an import or a shell cannot slip one in.
    """

    # No index of its own: the (course, measured_on) index below serves every look-up by course.
    course = models.ForeignKey("courses.Course", models.CASCADE, related_name="measurements", db_index=False)
    measured_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    housing = _indicator_field(INDICATORS[0])
    income = _indicator_field(INDICATORS[1])
    occupation = _indicator_field(INDICATORS[2])
    own_gp = _indicator_field(INDICATORS[3])
    health_contact = _indicator_field(INDICATORS[4])
    support = _indicator_field(INDICATORS[5])
    selling_sex = _indicator_field(INDICATORS[6])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measured_on", "pk"]
        verbose_name = _("exit indicator measurement")
        verbose_name_plural = _("exit indicator measurements")
        constraints = [
            *[
                models.CheckConstraint(condition=Q(**{f"{i.field}__in": i.choices.values}),
                                       name=f"outcome_{i.field}_known_answer")
                for i in INDICATORS
            ],
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="outcome_kind_known"),
            # One start and one end per course; follow-ups as often as the project's interval asks.
            models.UniqueConstraint(fields=["course"], condition=Q(kind=Kind.START), name="outcome_one_start"),
            models.UniqueConstraint(fields=["course"], condition=Q(kind=Kind.END), name="outcome_one_end"),
        ]
        indexes = [models.Index(fields=["course", "measured_on"])]

    def __str__(self):
        return f"{self.course_id} {self.measured_on} {self.kind}"

    def answers(self):
        """(indicator, value, label) for each indicator, in the fixed order."""
        return [(i, getattr(self, i.field), getattr(self, f"get_{i.field}_display")()) for i in INDICATORS]
