from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brobygger.identity import check_no_cpr, check_no_identity

from .text import render_markdown

RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


# --- Learning modules -------------------------------------------------------------------

class Module(models.Model):
    """A learning module for municipal staff: ordered sections, questions, a self-rating before and after."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200, validators=[check_no_identity])
    summary = models.TextField(_("summary"), blank=True, validators=[check_no_identity],
                               help_text=_("Two or three sentences: what the learner will know afterwards."))
    topics = models.CharField(
        _("topics to rate"), max_length=300, validators=[check_no_identity],
        help_text=_("The learner rates their own knowledge of these before and after, e.g. 'the legal frame'."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveSmallIntegerField(_("order in the list"), default=0)
    author_note = models.TextField(_("note for the authors"), blank=True, validators=[check_no_identity])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("learning module")
        verbose_name_plural = _("learning modules")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["draft", "published"]), name="module_status_valid"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Section(models.Model):
    module = models.ForeignKey(Module, models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=200, validators=[check_no_identity])
    body = models.TextField(_("text"), blank=True, validators=[check_no_identity],
                            help_text=_("Markdown: blank line between paragraphs, **bold**, *italic*, - lists, [link](https://...)."))
    body_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["module", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="section_unique_position"),
            models.CheckConstraint(condition=Q(position__gte=1), name="section_position_positive"),
        ]

    def __str__(self):
        return f"{self.position}. {self.heading}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)


class SectionImage(models.Model):
    """An image in a section, kept in the database and served with its own content type."""

    CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
    MAX_BYTES = 2 * 1024 * 1024

    section = models.ForeignKey(Section, models.CASCADE, related_name="images")
    data = models.BinaryField()
    content_type = models.CharField(max_length=40, editable=False)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt = models.CharField(_("alternative text"), max_length=300, blank=True, validators=[check_no_identity],
                           help_text=_("What the image shows, for people who cannot see it."))
    caption = models.CharField(_("caption"), max_length=300, blank=True, validators=[check_no_identity])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["image/png", "image/jpeg", "image/gif", "image/webp"]),
                name="section_image_content_type_valid",
            ),
        ]

    def __str__(self):
        return self.alt or _("image without alternative text")


class Question(models.Model):
    class Kind(models.TextChoices):
        REFLECTION = "reflection", _("Reflection (free text, only the learner sees it)")
        CHOICE = "choice", _("Multiple choice")

    section = models.ForeignKey(Section, models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REFLECTION)
    text = models.CharField(_("question"), max_length=500, validators=[check_no_identity])
    choices = models.TextField(_("choices"), blank=True, validators=[check_no_identity],
                               help_text=_("Multiple choice only: one choice per line."))
    correct = models.PositiveSmallIntegerField(_("number of the right choice"), null=True, blank=True,
                                               help_text=_("Optional: 1 for the first line, 2 for the second..."))
    explanation = models.TextField(_("explanation shown after answering"), blank=True, validators=[check_no_identity])

    class Meta:
        ordering = ["section", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["reflection", "choice"]), name="question_kind_valid"),
        ]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Attempt(models.Model):
    """One staff user taking one module: the ratings before and after, and how far they got."""

    module = models.ForeignKey(Module, models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="module_attempts")
    unit = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="+", verbose_name=_("unit"))
    rating_before = models.PositiveSmallIntegerField(_("knowledge before"), validators=RATING_VALIDATORS)
    rating_after = models.PositiveSmallIntegerField(_("knowledge after"), null=True, blank=True,
                                                    validators=RATING_VALIDATORS)
    sections_done = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["module", "user"], name="attempt_one_per_user"),
            models.CheckConstraint(condition=Q(rating_before__gte=1, rating_before__lte=5), name="attempt_before_1_5"),
            models.CheckConstraint(
                condition=Q(rating_after__isnull=True) | Q(rating_after__gte=1, rating_after__lte=5),
                name="attempt_after_1_5",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(rating_after__isnull=False),
                name="attempt_completed_has_rating",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.module}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.CASCADE, related_name="answers")
    text = models.TextField(_("your reflection"), blank=True, validators=[check_no_identity])
    choice = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="answer_one_per_question")]

    def __str__(self):
        return f"{self.attempt} · {self.question}"


# --- Local advisors ----------------------------------------------------------------------

class Advisor(models.Model):
    """A local knowledge advisor ("vejleder") in a unit. Staff contact data at work is allowed here."""

    name = models.CharField(_("name"), max_length=160, validators=[check_no_identity])
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="advisor_roles",
                             verbose_name=_("staff user"),
                             help_text=_("Optional: links the modules the advisor has completed."))
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="advisors",
                                     verbose_name=_("organisation"))
    unit = models.CharField(_("unit"), max_length=160, validators=[check_no_identity], help_text=_("E.g. Jobcenter Nørrebro, Stofbehandling Vesterbro."))
    work_email = models.EmailField(_("work e-mail"), blank=True)
    work_phone = models.CharField(_("work phone"), max_length=40, blank=True, validators=[check_no_cpr])
    since = models.DateField(_("advisor since"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("local advisor")
        verbose_name_plural = _("local advisors")

    def __str__(self):
        return f"{self.name} ({self.unit})"


# --- The network's meetings --------------------------------------------------------------

class NetworkMeeting(models.Model):
    project = models.ForeignKey("projects.Project", models.PROTECT, related_name="network_meetings",
                                verbose_name=_("project"))
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, validators=[check_no_identity])
    agenda = models.TextField(_("agenda"), blank=True, validators=[check_no_identity])
    minutes = models.TextField(_("minutes"), blank=True, validators=[check_no_identity])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        indexes = [models.Index(fields=["project", "date"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} · {self.place}"


class Attendance(models.Model):
    meeting = models.ForeignKey(NetworkMeeting, models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    people = models.PositiveSmallIntegerField(_("people"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="attendance_unique"),
            models.CheckConstraint(condition=Q(people__gte=1), name="attendance_people_positive"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.people}"


class Action(models.Model):
    """An action agreed at a meeting; it is carried to the following meetings until closed."""

    meeting = models.ForeignKey(NetworkMeeting, models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=500, validators=[check_no_identity])
    owner = models.CharField(_("owner"), max_length=160, validators=[check_no_identity],
                             help_text=_("The staff member or organisation who does it."))
    due = models.DateField(_("due date"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.text
