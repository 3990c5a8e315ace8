"""A request to take row-level data out of Brobygger, and the file it produced.

The file is made when the request is made, so the coordinator who approves it sees a preview
of the very rows that will leave; its hash goes into the access log. The bytes are kept only
while the link may be used: they are erased when the request is refused, withdrawn or expires.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.identity import check_no_identity


class ExportRequest(models.Model):
    class Kind(models.TextChoices):
        REGISTRATIONS = "registrations", _("Registrations (every course with its interventions, .xlsx)")
        WHO5 = "who5", _("WHO-5 answers (.csv)")
        OUTREACH_FOLLOWUP = "outreach_followup", _("Outreach follow-up with the business courses (.xlsx)")
        ACCESS_LOG = "access_log", _("Access log (.csv)")

    class RecipientKind(models.TextChoices):
        ORGANISATION = "organisation", _("An organisation in the project")
        NATIONAL_EVALUATOR = "national_evaluator", _("The national evaluator")
        OTHER = "other", _("Another body (name it)")

    class Purpose(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluation of the project")
        QUALITY = "quality", _("Quality work in the project")
        SUPERVISION = "supervision", _("Supervision or inspection by an authority")
        MIGRATION = "migration", _("Moving the data to another system")
        ACCESS_CHECK = "access_check", _("Checking who looked at what")
        OTHER = "other", _("Something else (explain)")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for approval")
        APPROVED = "approved", _("Ready to download")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="export_requests",
                                verbose_name=_("project"))
    # The ledger outlives a user account: the name is kept beside the link.
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    requested_by_name = models.CharField(_("asked by"), max_length=150)
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    recipient_kind = models.CharField(_("recipient"), max_length=20, choices=RecipientKind.choices)
    recipient_organisation = models.ForeignKey("projects.Organisation", models.SET_NULL, null=True, blank=True,
                                               related_name="+", verbose_name=_("organisation"))
    recipient_name = models.CharField(_("name of the recipient"), max_length=200, blank=True, validators=[check_no_identity])
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    purpose_text = models.CharField(_("purpose in your own words"), max_length=300, validators=[check_no_identity])
    parameters = models.JSONField(default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    # The courses whose rows are in the file: the citizen's access request lists these exports.
    # An erased course leaves the ledger (and its count) but not this link.
    courses = models.ManyToManyField("courses.Course", related_name="exports", blank=True)
    course_count = models.PositiveIntegerField(_("courses"), default=0)
    sha256 = models.CharField(_("file hash (SHA-256)"), max_length=64)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    data = models.BinaryField(editable=False, default=b"")
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    approval_needed = models.BooleanField(_("needed approval"), default=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    approved_by_name = models.CharField(_("decided by"), max_length=150, blank=True)
    decision_note = models.CharField(_("reason given"), max_length=300, blank=True, validators=[check_no_identity])
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    approved_at = models.DateTimeField(_("decided"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    file_deleted_at = models.DateTimeField(_("file deleted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["registrations", "who5", "outreach_followup", "access_log"]),
                name="export_request_kind"),
            models.CheckConstraint(
                condition=Q(status__in=["requested", "approved", "refused", "withdrawn", "expired"]),
                name="export_request_status"),
            # A recipient always: an organisation of the project, the national evaluator, or a named body.
            models.CheckConstraint(
                condition=(Q(recipient_kind="organisation", recipient_organisation__isnull=False)
                           | Q(recipient_kind="national_evaluator")
                           | (Q(recipient_kind="other") & ~Q(recipient_name=""))),
                name="export_request_has_recipient"),
            models.CheckConstraint(condition=~Q(purpose_text=""), name="export_request_has_purpose"),
            # The second pair of eyes, down to the database.
            models.CheckConstraint(
                condition=Q(approval_needed=False) | Q(approved_by__isnull=True)
                | ~Q(approved_by=models.F("requested_by")),
                name="export_request_not_self_approved"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.project}, {self.created_at:%Y-%m-%d})"

    @property
    def recipient_display(self) -> str:
        if self.recipient_kind == self.RecipientKind.ORGANISATION and self.recipient_organisation:
            return self.recipient_organisation.name
        if self.recipient_kind == self.RecipientKind.OTHER:
            return self.recipient_name
        return str(self.get_recipient_kind_display())

    def link_open(self, now) -> bool:
        return self.status == self.Status.APPROVED and self.expires_at is not None and now < self.expires_at
