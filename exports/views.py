from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit import log
from brobygger.accesslog import Kind, logged_as

from . import kinds, selectors, services
from .access import export_for_user, project_for_exports
from .forms import DecisionForm, ExportRequestForm
from .models import ExportRequest


@logged_as(Kind.PAGE)
@require_http_methods(["GET", "POST"])
def release_new(request, slug):
    project = project_for_exports(request, slug)
    available = list(kinds.PRODUCERS)
    chosen = request.GET.get("kind")
    if chosen in available:
        available = [chosen]
    parameters = kinds.parameters(chosen, request.GET) if chosen in available else {}
    form = ExportRequestForm(request.POST or None, project=project, kinds=available)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        export = services.request_export(
            project=project, by=request.user, kind=data["kind"], recipient_kind=data["recipient_kind"],
            recipient_organisation=data["recipient_organisation"], recipient_name=data["recipient_name"],
            purpose=data["purpose"], purpose_text=data["purpose_text"], parameters=parameters, request=request)
        if export.status == ExportRequest.Status.APPROVED:
            messages.success(request, _("The export is ready. Download it below."))
        else:
            messages.info(request, _("The export waits for another coordinator of the project to approve it."))
        return redirect("release_detail", slug=export.project.slug, pk=export.pk)
    return render(request, "exports/new.html", {
        "project": project, "form": form, "parameters": kinds.describe(chosen, parameters),
        "approval_courses": services.APPROVAL_COURSES, "hours": int(services.link_lifetime().total_seconds() // 3600),
    })


@logged_as(Kind.PAGE)
def release_detail(request, slug, pk):
    export = export_for_user(request, slug, pk)
    now = timezone.now()
    if export.status in (ExportRequest.Status.REQUESTED, ExportRequest.Status.APPROVED) and export.expires_at <= now:
        services.expire_exports(now=now, pks=[export.pk])
        export.refresh_from_db()
    may_decide = (export.status == ExportRequest.Status.REQUESTED and export.requested_by_id != request.user.pk)
    preview = None
    if may_decide:
        # The approver reads the first rows: the courses shown there have been read.
        preview = selectors.preview(export)
        cells = selectors.preview_cells(preview)
        log.shown(request, export.courses.filter(Q(code__in=cells) | Q(project_ref__in=cells))
                  .only("code", "project_id"))
    return render(request, "exports/detail.html", {
        "export": export, "preview": preview, "may_decide": may_decide, "decision_form": DecisionForm(),
        "is_mine": export.requested_by_id == request.user.pk, "link_open": export.link_open(now),
        "may_withdraw": export.status in (ExportRequest.Status.REQUESTED, ExportRequest.Status.APPROVED),
    })


@logged_as(Kind.PAGE)
@require_POST
def release_decide(request, slug, pk):
    export = export_for_user(request, slug, pk)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if not form.is_valid() or request.POST.get("decision") not in ("approve", "refuse"):
        messages.error(request, _("The decision was not recorded. Try again."))
        return redirect("release_detail", slug=export.project.slug, pk=export.pk)
    try:
        services.decide_export(export=export, by=request.user, approve=approve, note=form.cleaned_data["note"],
                               request=request)
    except services.ExportRefused:
        messages.error(request, _("You cannot decide on this export: it is your own, or it is no longer waiting."))
    else:
        messages.success(request, _("The export is approved.") if approve else _("The export is refused."))
    return redirect("release_detail", slug=export.project.slug, pk=export.pk)


@logged_as(Kind.PAGE)
@require_POST
def release_withdraw(request, slug, pk):
    export = export_for_user(request, slug, pk)
    try:
        services.withdraw_export(export=export, by=request.user, request=request)
    except services.ExportRefused:
        messages.error(request, _("The export is no longer open."))
    else:
        messages.success(request, _("The export is withdrawn and its file deleted."))
    return redirect("release_detail", slug=export.project.slug, pk=export.pk)


@logged_as(Kind.EXPORT)
def release_download(request, slug, pk):
    export = export_for_user(request, slug, pk)
    try:
        data = services.fetch_export(export=export, by=request.user, request=request)
    except services.ExportGone:
        raise Http404("No such file") from None
    log.shown(request, export.courses.only("code", "project_id"))
    response = HttpResponse(data, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@logged_as(Kind.PAGE)
def release_ledger(request, slug):
    project = project_for_exports(request, slug)
    return render(request, "exports/ledger.html", {
        "project": project, "exports": selectors.ledger(project), "now": timezone.now(),
    })
