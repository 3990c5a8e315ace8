import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from brobygger.identity import check_no_identity
from directory.models import ServiceKind

# Letters and digits that cannot be mistaken for each other when read aloud or
# written by hand (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 4
MINIMUM_AGE = 18


def new_course_code(prefix: str) -> str:
    """A short pseudonymous id like KBH-7QF3, random, derived from nothing about the person."""
    return f"{prefix}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_course_codes(prefix: str, count: int) -> list[str]:
    """`count` unused course codes with `prefix`, drawn at random like new_course_code (an import's,
    which stores its courses together)."""
    taken = set(Course.objects.filter(code__startswith=f"{prefix}-").values_list("code", flat=True))
    if len(taken) + count > 0.8 * len(CODE_ALPHABET) ** CODE_LENGTH:
        raise RuntimeError("Too few free course ids left for this prefix.")
    codes = []
    while len(codes) < count:
        code = new_course_code(prefix)
        if code not in taken:
            taken.add(code)
            codes.append(code)
    return codes


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    UNKNOWN = "unknown", _("Unknown")


def open_between(start: date, end: date) -> Q:
    """Courses open on at least one day from start to end: started by the end, not ended before the start."""
    return Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))


class CourseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(end_date__isnull=True)

    def ended(self):
        return self.filter(end_date__isnull=False)


class Course(models.Model):
    """One citizen's period of support in one project, known only by a pseudonymous id."""

    class EndReason(models.TextChoices):
        GOAL_REACHED = "goal_reached", _("Goal reached")
        REFERRED = "referred", _("Continued in another service")
        MOVED = "moved", _("Moved away")
        NO_CONTACT = "no_contact", _("Contact lost")
        DECLINED = "declined", _("Citizen ended the course")
        DIED = "died", _("Died")
        OTHER = "other", _("Other")

    project = models.ForeignKey("projects.Project", models.PROTECT, related_name="courses", verbose_name=_("project"))
    code = models.CharField(_("course id"), max_length=12, unique=True, editable=False)
    project_ref = models.CharField(
        _("project's own id"), max_length=40, blank=True, validators=[check_no_identity],
        help_text=_("Optional. Never a CPR number, name or other identifying text."),
    )
    organisation = models.ForeignKey(
        "projects.Organisation", models.PROTECT, related_name="courses", verbose_name=_("responsible organisation")
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNKNOWN)
    age_at_start = models.PositiveSmallIntegerField(_("age at start"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=20, choices=EndReason.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    # The one worker who sees to the course: measurements taken, referrals followed. One of the staff
    # of the course's organisation in its project (courses.selectors.responsible_candidates); the
    # creator when they are, and the coordinator reassigns at the team meeting.
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("responsible worker"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="course_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(age_at_start__isnull=True) | Q(age_at_start__gte=MINIMUM_AGE, age_at_start__lte=120),
                name="course_adult_age",
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="course_birth_year_plausible",
            ),
            models.UniqueConstraint(
                fields=["project", "project_ref"], condition=~Q(project_ref=""), name="course_unique_project_ref"
            ),
            models.CheckConstraint(condition=Q(gender__in=Gender.values), name="course_gender_valid"),
        ]
        indexes = [models.Index(fields=["project", "start_date"])]

    def __str__(self):
        return self.code

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    @property
    def known_age_at_start(self) -> int | None:
        if self.age_at_start is not None:
            return self.age_at_start
        if self.birth_year is not None:
            return self.start_date.year - self.birth_year
        return None


class InterventionRecord(models.Model):
    """An intervention a course received: which, when, by which organisation."""

    # No index of its own: the (course, intervention, date) index below serves every look-up by course,
    # and an import writes tens of thousands of records into each index.
    course = models.ForeignKey(Course, models.CASCADE, related_name="interventions", db_index=False)
    intervention = models.ForeignKey("projects.Intervention", models.PROTECT, related_name="records",
                                     verbose_name=_("intervention"))
    # The catalogue name when it was recorded: renaming the catalogue entry does not rewrite history.
    name = models.CharField(_("name when recorded"), max_length=120, editable=False)
    date = models.DateField(_("date"))
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    note = models.CharField(_("short note"), max_length=500, blank=True, validators=[check_no_identity])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("intervention received")
        verbose_name_plural = _("interventions received")
        # The report reads each course's distinct interventions from this index alone, already in
        # order: SQLite sorts nothing (with (course, date, intervention) it sorted a million records).
        indexes = [models.Index(fields=["course", "intervention", "date"])]

    def save(self, *args, **kwargs):
        if not self.name:
            self.name = self.intervention.name
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.name} {self.date}"


class Referral(models.Model):
    """A referral ('visitation', 'brobygning') of the citizen to another service."""

    # A referral is to a kind of service, the directory's own (a service there has one).
    Target = ServiceKind

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        STARTED = "started", _("Started")
        DECLINED = "declined", _("Declined")

    course = models.ForeignKey(Course, models.CASCADE, related_name="referrals")
    target = models.CharField(_("kind of service"), max_length=20, choices=Target.choices)
    service_name = models.CharField(_("service"), max_length=200, blank=True, validators=[check_no_identity],
                                    help_text=_("Which service, e.g. the name of the drug treatment centre."))
    directory_service = models.ForeignKey(
        "directory.Service", models.SET_NULL, null=True, blank=True, related_name="referrals",
        verbose_name=_("service from the directory"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    date = models.DateField(_("date"))
    status_changed_on = models.DateField(_("status changed"), null=True, blank=True)
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("referred by"))
    note = models.CharField(_("short note"), max_length=500, blank=True, validators=[check_no_identity])
    # Whether information about the citizen went with the referral, to whom, and under which consent:
    # the citizen's access request lists it. Empty for referrals that passed nothing on.
    shared_with = models.ForeignKey("projects.Organisation", models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("information passed on to"))
    # RESTRICT, not PROTECT: a consent is never deleted alone, but erasing the course takes both.
    consent = models.ForeignKey("Consent", models.RESTRICT, null=True, blank=True, related_name="referrals",
                                verbose_name=_("under consent"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["requested", "started", "declined"]),
                                   name="referral_status_valid"),
            # Information is never passed on without naming the consent it was passed on under.
            models.CheckConstraint(
                condition=Q(shared_with__isnull=True, consent__isnull=True)
                | Q(shared_with__isnull=False, consent__isnull=False),
                name="referral_shared_with_consent",
            ),
        ]

    def __str__(self):
        return f"{self.get_target_display()} ({self.get_status_display()})"

    @property
    def label(self) -> str:
        return self.service_name or self.get_target_display()

    @property
    def shares_information(self) -> bool:
        return self.shared_with_id is not None


class Consent(models.Model):
    """The citizen's consent that something may be shared with an organisation."""

    class Scope(models.TextChoices):
        SHARE_COURSE = "share_course", _("Partner may see and add to the course")
        REFERRAL = "referral", _("Information may be passed on with a referral")

    course = models.ForeignKey(Course, models.CASCADE, related_name="consents")
    scope = models.CharField(_("what may be shared"), max_length=20, choices=Scope.choices,
                             default=Scope.SHARE_COURSE)
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="consents",
                                     verbose_name=_("shared with"))
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_not_before_given",
            ),
        ]

    def __str__(self):
        return f"{self.get_scope_display()}: {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class BreakGlass(models.Model):
    """A caseworker's emergency access to a course outside their scope: with a reason, for hours.

    Rows are kept (the coordinator reads them at the team meeting); access ends at `expires_at`.
    The access log marks the opening and every look while it lasts (action "break_glass").
    """

    course = models.ForeignKey(Course, models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
                             verbose_name=_("opened by"))
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    reason = models.CharField(_("reason"), max_length=500, validators=[check_no_identity])
    opened_at = models.DateTimeField(_("opened"))
    expires_at = models.DateTimeField(_("open until"))

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("break-glass access")
        verbose_name_plural = _("break-glass accesses")
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("opened_at")), name="break_glass_expires_after_opening"),
        ]
        indexes = [models.Index(fields=["user", "course", "expires_at"])]

    def __str__(self):
        return f"{self.course} {self.opened_at:%Y-%m-%d %H:%M}"
