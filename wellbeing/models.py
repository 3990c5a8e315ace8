from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ITEM_COUNT = 5
ANSWER_MAX = 5


def who5_score(answers) -> int:
    """WHO-5 score 0-100: four times the sum of the five 0-5 answers."""
    return 4 * sum(answers)


class Who5Response(models.Model):
    """One WHO-5 measurement of a course: five answers 0-5 about the last two weeks."""

    class Mode(models.TextChoices):
        ALONE = "alone", _("The citizen answered alone")
        WITH_WORKER = "with_worker", _("Answered with a worker")
        IMPORTED = "imported", _("Imported from a file")

    course = models.ForeignKey("courses.Course", models.CASCADE, related_name="who5_responses")
    answered_on = models.DateField(_("date"))
    item1 = models.PositiveSmallIntegerField()
    item2 = models.PositiveSmallIntegerField()
    item3 = models.PositiveSmallIntegerField()
    item4 = models.PositiveSmallIntegerField()
    item5 = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(_("score"), editable=False)
    language = models.CharField(_("language"), max_length=10, default="da")
    mode = models.CharField(_("answered"), max_length=12, choices=Mode.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_on", "pk"]
        verbose_name = _("WHO-5 answer")
        verbose_name_plural = _("WHO-5 answers")
        constraints = [
            *[
                models.CheckConstraint(condition=Q(**{f"item{i}__gte": 0, f"item{i}__lte": ANSWER_MAX}),
                                       name=f"who5_item{i}_0_to_5")
                for i in range(1, ITEM_COUNT + 1)
            ],
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="who5_score_0_to_100"),
        ]
        indexes = [models.Index(fields=["course", "answered_on"])]

    @property
    def answers(self) -> list[int]:
        return [self.item1, self.item2, self.item3, self.item4, self.item5]

    def save(self, *args, **kwargs):
        self.score = who5_score(self.answers)
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.course} {self.answered_on}: {self.score}"
