import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ITEM_COUNT = 5
ANSWER_MAX = 5
# Bands (Sundhedsstyrelsen; the national evaluation): 0-35 high risk, 36-50 risk, over 50 no immediate risk.
HIGH_RISK_MAX = 35
RISK_MAX = 50
# A rise of at least 10 points from the first score is clinically significant.
SIGNIFICANT_CHANGE = 10


def who5_score(answers) -> int:
    """WHO-5 score 0-100: four times the sum of the five 0-5 answers."""
    return 4 * sum(answers)


def band(score: int | None) -> str:
    """"high_risk", "risk" or "no_risk" for a score; "" for no score."""
    if score is None:
        return ""
    if score <= HIGH_RISK_MAX:
        return "high_risk"
    if score <= RISK_MAX:
        return "risk"
    return "no_risk"


BAND_LABELS = {
    "high_risk": _("High risk of depression or stress (0-35)"),
    "risk": _("Risk of depression or stress (36-50)"),
    "no_risk": _("No immediate risk (over 50)"),
}


class Who5Response(models.Model):
    """One WHO-5 measurement of a course: five answers 0-5 about the last two weeks."""

    class Mode(models.TextChoices):
        ALONE = "alone", _("The citizen answered alone")
        WITH_WORKER = "with_worker", _("Answered with a worker")
        IMPORTED = "imported", _("Imported from a file")

    # No index of its own: the (course, answered_on) index below serves every look-up by course.
    course = models.ForeignKey("courses.Course", models.CASCADE, related_name="who5_responses", db_index=False)
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

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def band_label(self):
        return BAND_LABELS[self.band]

    def save(self, *args, **kwargs):
        self.score = who5_score(self.answers)
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.course} {self.answered_on}: {self.score}"


class Who5Language(models.Model):
    """The WHO-5 in one language: the official wording, as data.

    A further official translation is one more row (admin, shell or a data migration);
    no code changes. Never change the wording of a row: a changed wording is not WHO-5.
    """

    code = models.CharField(_("language code"), max_length=10, unique=True, help_text=_("e.g. da, en, ro"))
    name = models.CharField(_("name of the language in itself"), max_length=40, help_text=_("e.g. Dansk, English"))
    intro = models.CharField(_("introduction"), max_length=300)
    lead = models.CharField(_("lead-in to each statement"), max_length=100)
    items = models.JSONField(_("the five statements"))
    answers = models.JSONField(_("the six answers, from 0 to 5"))
    active = models.BooleanField(_("offered"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("WHO-5 language")
        verbose_name_plural = _("WHO-5 languages")

    def __str__(self):
        return self.name

    def answer_label(self, value: int) -> str:
        return self.answers[value]


TOKEN_BYTES = 16  # 128 bits
# What Who5Invitation.new_token makes: lowercase base32 without padding, 26 characters.
TOKEN_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")
TOKEN_LENGTH = -(-TOKEN_BYTES * 8 // 5)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_token_shaped(value: str) -> bool:
    """Could `value` be a link's token? Only its shape: whether the link still works is
    services.usable_invitation's question. The one check for anything that puts a token into a page."""
    return len(value) == TOKEN_LENGTH and TOKEN_ALPHABET.issuperset(value)


class InvitationQuerySet(models.QuerySet):
    def open(self, now):
        """Not used and not expired at `now`: the links that still work."""
        return self.filter(used_at__isnull=True, expires_at__gt=now)


class Who5Invitation(models.Model):
    """A one-time link that lets the citizen answer WHO-5 on their own phone without signing in.

    Only a hash of the token is stored: the link itself exists only on the card or screen
    the worker showed. It works once and expires.
    """

    course = models.ForeignKey("courses.Course", models.CASCADE, related_name="who5_invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    response = models.OneToOneField(Who5Response, models.SET_NULL, null=True, blank=True, related_name="invitation")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("WHO-5 invitation")
        verbose_name_plural = _("WHO-5 invitations")

    def __str__(self):
        return f"{self.course} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def new_token() -> str:
        # base32 without padding: 26 characters, no symbols that break in a URL or when read aloud.
        import base64

        return base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode().rstrip("=").lower()

    def matches(self, token: str) -> bool:
        return hmac.compare_digest(self.token_hash, hash_token(token))
