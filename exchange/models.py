from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportUpload(models.Model):
    """A file a coordinator uploaded to import, kept between the preview and the confirmation.

    The file's bytes are erased as soon as it is imported or discarded: Brobygger keeps the
    imported data, not the spreadsheet.
    """

    class Kind(models.TextChoices):
        REGISTRATIONS = "registrations", _("Registrations (Excel workbook)")
        WHO5 = "who5", _("WHO-5 answers (CSV file)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="import_uploads")
    kind = models.CharField(_("what the file holds"), max_length=20, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=200)
    data = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(_("size in bytes"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    summary = models.CharField(_("result"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["registrations", "who5"]), name="import_upload_kind"),
        ]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
