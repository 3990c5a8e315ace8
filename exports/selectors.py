"""Reads: the preview an approver sees, the ledger, what waits on a person's home page."""

from dataclasses import dataclass, field

from django.db.models import Q

from brobygger.spreadsheets import read_csv, sheet_previews

from .kinds import CSV
from .models import ExportRequest

PREVIEW_ROWS = 10
Status = ExportRequest.Status


@dataclass
class Preview:
    sheets: list = field(default_factory=list)  # (title, headers, first rows, rows in the sheet)


def preview(export: ExportRequest, rows: int = PREVIEW_ROWS) -> Preview:
    """The first rows of each sheet of the stored file, and how many rows each holds."""
    data = bytes(export.data)
    result = Preview()
    if not data:
        return result
    if export.content_type == CSV:
        lines = list(read_csv(data))
        if lines:
            result.sheets.append(("", lines[0], lines[1:rows + 1], len(lines) - 1))
        return result
    result.sheets.extend(sheet_previews(data, rows))
    return result


def preview_cells(p: Preview) -> set:
    return {cell for _title, _headers, rows, _n in p.sheets for row in rows for cell in row if cell}


def ledger(project):
    return (ExportRequest.objects.filter(project=project)
            .select_related("recipient_organisation").order_by("-created_at", "-pk"))


def mine(user):
    """The user's own exports that are still worth telling about."""
    return (ExportRequest.objects.filter(requested_by=user)
            .exclude(status=Status.EXPIRED).select_related("project", "recipient_organisation")[:10])


def waiting_for(user, projects):
    """Exports in the user's projects waiting for a second coordinator: not the user's own."""
    return (ExportRequest.objects.filter(project__in=projects, status=Status.REQUESTED)
            .filter(~Q(requested_by=user) | Q(requested_by__isnull=True))
            .select_related("project", "recipient_organisation"))
