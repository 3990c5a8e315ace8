"""Asking for an export, deciding on it, fetching it, and letting it expire.

Every step writes the access log with the export's number, rows and file hash, so "who took
which data where, and why" is answered from the log alone.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit import log
from brobygger.access import is_coordinator

from . import kinds
from .models import ExportRequest

Status = ExportRequest.Status
RecipientKind = ExportRequest.RecipientKind
# An export of more than this many courses waits for a second coordinator, wherever it goes.
APPROVAL_COURSES = 100


class ExportRefused(Exception):
    """The request breaks a rule (no recipient, no purpose, deciding on one's own export...)."""


class ExportGone(Exception):
    """The link is withdrawn, refused, expired or not approved: the file cannot be fetched."""


def link_lifetime() -> timedelta:
    return timedelta(hours=settings.EXPORT_LINK_HOURS)


def recipient_inside_project(*, project, recipient_kind: str, recipient_organisation) -> bool:
    return (recipient_kind == RecipientKind.ORGANISATION and recipient_organisation is not None
            and project.organisations().filter(pk=recipient_organisation.pk).exists())


def needs_approval(*, project, course_count: int, recipient_kind: str, recipient_organisation) -> bool:
    return course_count > APPROVAL_COURSES or not recipient_inside_project(
        project=project, recipient_kind=recipient_kind, recipient_organisation=recipient_organisation)


def _log(request, export: ExportRequest, step: str, *, user=None) -> None:
    detail = (f"export {export.pk} {export.kind}: {step}; to={log.safe_text(export.recipient_display, 50)}; "
              f"purpose={export.purpose}")
    # The counts and the checksum are the file's own: unchecked, so a hash that looks like a CPR
    # number does not cost the ledger its line (audit.log.record).
    facts = f"rows={export.row_count}; courses={export.course_count}; sha256={export.sha256}"
    log.record(request, action=log.Action.EXPORT, user=user, project_id=export.project_id, detail=detail,
               facts=facts)


def request_export(*, project, by, kind: str, recipient_kind: str, recipient_organisation=None,
                   recipient_name: str = "", purpose: str, purpose_text: str, parameters: dict | None = None,
                   request=None, now=None) -> ExportRequest:
    """Make the file and record the request. Ready at once when small and for the project's own
    organisations; otherwise it waits for another coordinator (`decide_export`)."""
    now = now or timezone.now()
    if not is_coordinator(by, project):
        raise ExportRefused("Only the project's coordinators ask for exports.")
    recipient_name = (recipient_name or "").strip()
    purpose_text = (purpose_text or "").strip()
    if recipient_kind not in RecipientKind.values:
        raise ExportRefused("An export needs a recipient.")
    if recipient_kind == RecipientKind.ORGANISATION and recipient_organisation is None:
        raise ExportRefused("Name the organisation that receives the export.")
    if recipient_kind == RecipientKind.OTHER and not recipient_name:
        raise ExportRefused("Name the body that receives the export.")
    if purpose not in ExportRequest.Purpose.values or not purpose_text:
        raise ExportRefused("An export needs a purpose, chosen and in words.")
    if recipient_kind != RecipientKind.ORGANISATION:
        recipient_organisation = None
    if recipient_kind != RecipientKind.OTHER:
        recipient_name = ""
    produced = kinds.produce(kind, project, parameters or {}, by)
    course_ids = list(produced.courses.values_list("pk", flat=True)) if produced.courses is not None else []
    approval = needs_approval(project=project, course_count=len(course_ids), recipient_kind=recipient_kind,
                              recipient_organisation=recipient_organisation)
    with transaction.atomic():
        export = ExportRequest.objects.create(
            project=project, requested_by=by, requested_by_name=by.get_username(), kind=kind,
            recipient_kind=recipient_kind, recipient_organisation=recipient_organisation,
            recipient_name=recipient_name[:200], purpose=purpose, purpose_text=purpose_text[:300],
            parameters=produced.parameters or (parameters or {}), row_count=produced.row_count,
            course_count=len(course_ids), sha256=hashlib.sha256(produced.data).hexdigest(),
            filename=produced.filename, content_type=produced.content_type, data=produced.data,
            size=len(produced.data), approval_needed=approval, created_at=now,
            status=Status.REQUESTED if approval else Status.APPROVED,
            approved_at=None if approval else now, expires_at=now + link_lifetime(),
        )
        export.courses.add(*course_ids)
        _log(request, export, "asked, waiting for approval" if approval else "asked, ready", user=by)
    return export


def decide_export(*, export: ExportRequest, by, approve: bool, note: str = "", request=None,
                  now=None) -> ExportRequest:
    """A second coordinator of the project approves or refuses; never the one who asked."""
    now = now or timezone.now()
    if not is_coordinator(by, export.project):
        raise ExportRefused("Only the project's coordinators decide on exports.")
    if export.requested_by_id == by.pk:
        raise ExportRefused("The coordinator who asked for an export cannot approve it.")
    changes = {"approved_by": by, "approved_by_name": by.get_username(), "approved_at": now,
               "decision_note": (note or "").strip()[:300]}
    if approve:
        changes.update(status=Status.APPROVED, expires_at=now + link_lifetime())
    else:
        changes.update(status=Status.REFUSED, data=b"", file_deleted_at=now)
    with transaction.atomic():
        # Conditional: two coordinators deciding at once give one decision.
        done = ExportRequest.objects.filter(pk=export.pk, status=Status.REQUESTED, expires_at__gt=now).exclude(
            requested_by=by).update(**changes)
        if not done:
            raise ExportRefused("The export is no longer waiting for a decision.")
        export.refresh_from_db()
        _log(request, export, "approved" if approve else "refused", user=by)
    return export


def withdraw_export(*, export: ExportRequest, by, request=None, now=None) -> ExportRequest:
    """The one who asked, or a coordinator of the project, takes the link back: the file goes."""
    now = now or timezone.now()
    if not (export.requested_by_id == by.pk or is_coordinator(by, export.project)):
        raise ExportRefused("Not yours to withdraw.")
    with transaction.atomic():
        done = ExportRequest.objects.filter(pk=export.pk, status__in=[Status.REQUESTED, Status.APPROVED]).update(
            status=Status.WITHDRAWN, data=b"", file_deleted_at=now)
        if not done:
            raise ExportRefused("The export is no longer open.")
        export.refresh_from_db()
        _log(request, export, "withdrawn", user=by)
    return export


def fetch_export(*, export: ExportRequest, by, request=None, now=None) -> bytes:
    """The file, for the one who asked, while the link is open; counts the download."""
    now = now or timezone.now()
    if export.requested_by_id != by.pk:
        raise ExportGone("Only the one who asked fetches the file.")
    if export.status == Status.APPROVED and export.expires_at <= now:
        expire_exports(now=now, pks=[export.pk])
        raise ExportGone("The link has expired.")
    with transaction.atomic():
        done = ExportRequest.objects.filter(pk=export.pk, status=Status.APPROVED, expires_at__gt=now).update(
            downloads=F("downloads") + 1)
        if not done:
            raise ExportGone("The link is not open.")
        export.refresh_from_db()
        _log(request, export, f"downloaded ({export.downloads})", user=by)
    return bytes(export.data)


def expire_exports(*, now=None, pks=None) -> int:
    """Links and waiting requests past their time expire; every closed export's file is deleted.
    Returns how many files were deleted."""
    now = now or timezone.now()
    exports = ExportRequest.objects.all() if pks is None else ExportRequest.objects.filter(pk__in=pks)
    with transaction.atomic():
        expiring = list(exports.filter(status__in=[Status.REQUESTED, Status.APPROVED], expires_at__lte=now)
                        .select_for_update())
        exports.filter(pk__in=[e.pk for e in expiring]).update(status=Status.EXPIRED)
        for export in expiring:
            export.status = Status.EXPIRED
            _log(None, export, "expired, file deleted")
        # Refused and withdrawn files are erased when decided; this also catches any left behind.
        deleted = exports.exclude(status__in=[Status.REQUESTED, Status.APPROVED]).filter(
            file_deleted_at__isnull=True).update(data=b"", file_deleted_at=now)
    return deleted
