"""The access log and the change history. Both are append-only, down to the database.

Neither refers to other tables by foreign key: an entry outlives the user, the course or
the project it names (a deleted course must not delete who looked at it), and holds no
content of the data itself, only which object, who, when, from where and what kind of act.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .guards import MINIMUM_RETENTION_DAYS  # noqa: F401  (the database's own floor)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The audit log cannot be changed.")

    def delete(self):
        raise PermissionDenied("The audit log cannot be deleted from; entries expire with prune_audit_log.")

    def _prune(self):
        """Only for prune_audit_log: the database still refuses entries younger than 180 days."""
        return models.QuerySet.delete(self)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The audit log cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log cannot be deleted from.")


class AccessEvent(AppendOnlyModel):
    class Action(models.TextChoices):
        VIEW = "view", _("Looked at")
        SEARCH = "search", _("Searched")
        CHANGE = "change", _("Changed")
        IMPORT = "import", _("Imported")
        EXPORT = "export", _("Exported")
        REPORT = "report", _("Viewed a report")
        INVITATION = "invitation", _("Sent an invitation")
        DENIED = "denied", _("Refused access")
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        LOCKED_OUT = "locked_out", _("Locked out")
        SIGN_OUT = "sign_out", _("Signed out")
        ACCESS_REQUEST = "access_request", _("Produced an access request")
        ERASURE = "erasure", _("Erased a course")
        RETENTION = "retention", _("Deleted at end of retention")
        AUDIT = "audit", _("Looked at the access log")
        BREAK_GLASS = "break_glass", _("Emergency access (break-glass)")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    username = models.CharField(_("user"), max_length=150, blank=True)
    roles = models.CharField(_("organisation and role"), max_length=300, blank=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    course_code = models.CharField(_("course id"), max_length=12, blank=True, db_index=True)
    project_id = models.BigIntegerField(_("project id"), null=True, blank=True, db_index=True)
    url_name = models.CharField(_("page"), max_length=100, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)
    method = models.CharField(max_length=8, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    ip = models.CharField(_("from address"), max_length=45, blank=True)
    detail = models.CharField(_("details"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.course_code}"

    def roles_display(self) -> str:
        """`roles` in the reader's language: the log stores role codes ("Org: caseworker"), which stay
        the same whatever language the entry was written in; the page shows the role's name."""
        labels = get_user_model().role_labels()
        parts = []
        for part in self.roles.split("; ") if self.roles else []:
            organisation, sep, code = part.rpartition(": ")
            parts.append(f"{organisation}: {labels[code]}" if sep and code in labels else part)
        return "; ".join(parts)


class ChangeRecord(AppendOnlyModel):
    """Written by database triggers on the course tables, so bulk updates are caught too.

    It records which row changed and which columns, never the values.
    """

    at = models.DateTimeField(_("when"), db_index=True)
    table_name = models.CharField(_("table"), max_length=63)
    row_id = models.BigIntegerField(_("row"))
    operation = models.CharField(_("operation"), max_length=8)
    course_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    course_code = models.CharField(_("course id"), max_length=12, blank=True, db_index=True)
    changed_fields = models.CharField(_("changed fields"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")

    OPERATIONS = {"INSERT": _("Added"), "UPDATE": _("Changed"), "DELETE": _("Deleted")}
    PARTS = {
        "courses_course": _("Course"),
        "courses_interventionrecord": _("Intervention"),
        "courses_referral": _("Referral"),
        "courses_consent": _("Consent"),
        "wellbeing_who5response": _("WHO-5 answer"),
    }

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.operation} {self.table_name} {self.row_id}"

    @property
    def operation_label(self):
        return self.OPERATIONS.get(self.operation, self.operation)

    @property
    def part_label(self):
        return self.PARTS.get(self.table_name, self.table_name)
