from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from brobygger.matrix import Page
from exports.models import ExportRequest

COORDINATOR = frozenset({"coordinator"})
slug = lambda w: {"slug": w.project.slug}  # noqa: E731
ready = lambda w: {"slug": w.project.slug, "pk": w.export_ready.pk}  # noqa: E731
waiting = lambda w: {"slug": w.project.slug, "pk": w.export_waiting.pk}  # noqa: E731


def extend_world(w):
    """One export the coordinator asked for (ready), and one waiting for their decision, asked by
    a coordinator whose account is gone (so the world needs no second coordinator)."""
    now = timezone.now()
    common = {"project": w.project, "kind": ExportRequest.Kind.WHO5, "purpose": ExportRequest.Purpose.EVALUATION,
              "purpose_text": "Midtvejsevaluering", "filename": "who5-exit.csv",
              "content_type": "text/csv; charset=utf-8", "expires_at": now + timedelta(hours=72)}
    data = f"Borger-ID,Dato,1,2,3,4,5\n{w.course_a.code},2026-01-10,3,3,3,3,3\n".encode()
    w.export_ready = ExportRequest.objects.create(
        **common, requested_by=w.users["coordinator"], requested_by_name="coordinator",
        recipient_kind=ExportRequest.RecipientKind.ORGANISATION, recipient_organisation=w.org_a,
        status=ExportRequest.Status.APPROVED, approved_at=now, data=data, size=len(data), row_count=1, course_count=1,
        sha256="0" * 64)
    w.export_ready.courses.add(w.course_a)
    w.export_waiting = ExportRequest.objects.create(
        **common, requested_by=None, requested_by_name="former-coordinator",
        recipient_kind=ExportRequest.RecipientKind.NATIONAL_EVALUATOR, approval_needed=True,
        data=data, size=len(data), row_count=1, course_count=1, sha256="0" * 64)
    w.export_waiting.courses.add(w.course_a)


PAGES = [
    Page("release_ledger", COORDINATOR, kwargs=slug),
    Page("release_new", COORDINATOR, kwargs=slug),
    Page("release_new", COORDINATOR, kwargs=slug, query="?kind=registrations"),
    Page("release_new", COORDINATOR, kwargs=slug, query="?kind=outreach_followup&start=2026-01-01&end=2026-03-31"),
    Page("release_new", COORDINATOR, kwargs=slug, query="?kind=access_log&user=caseworker_a"),
    # Without a purpose: the form again (a good request redirects to the new export, whose id is not known here).
    Page("release_new", COORDINATOR, kwargs=slug, method="post", query="?kind=registrations", data=lambda w: {
        "kind": "registrations", "recipient_kind": "organisation", "recipient_organisation": w.org_a.pk}),
    Page("release_detail", COORDINATOR, kwargs=ready),
    Page("release_detail", COORDINATOR, kwargs=waiting),
    Page("release_decide", COORDINATOR, kwargs=waiting, method="post", data=lambda w: {"decision": "approve"},
         redirect=lambda w: reverse("release_detail", kwargs=waiting(w))),
    Page("release_withdraw", COORDINATOR, kwargs=ready, method="post",
         redirect=lambda w: reverse("release_detail", kwargs=ready(w))),
    Page("release_download", COORDINATOR, kwargs=ready),
]
