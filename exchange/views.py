from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit import log
from brobygger.access import coordinated_projects
from brobygger.accesslog import Kind, logged_as
from courses.models import Gender
from projects.models import Project

from . import formats, services
from .access import upload_for_user
from .forms import UploadForm
from .models import ImportUpload

PREVIEW_ROWS = 20


@logged_as(Kind.IMPORT)
def import_start(request):
    projects = Project.objects.filter(pk__in=coordinated_projects(request.user))
    if not projects.exists():
        raise Http404("Not a coordinator")
    form = UploadForm(request.POST or None, request.FILES or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        log.concerns(request, form.cleaned_data["project"])
        file = form.cleaned_data["file"]
        upload = ImportUpload.objects.create(
            project=form.cleaned_data["project"], kind=form.cleaned_data["kind"], filename=file.name[:200],
            data=file.read(), size=file.size, uploaded_by=request.user)
        return redirect("import_preview", pk=upload.pk)
    log.concerns(request, *projects)
    recent = ImportUpload.objects.filter(project__in=projects).select_related("project", "uploaded_by")[:10]
    return render(request, "exchange/import_start.html", {"form": form, "projects": projects, "recent": recent})


def _check(upload):
    """The parsed and checked upload, or raises UnreadableFile."""
    data = bytes(upload.data)
    if upload.kind == ImportUpload.Kind.REGISTRATIONS:
        parsed = services.check_registrations(upload.project, data, time_limit=formats.WEB_TIME_LIMIT)
    else:
        parsed, _known = services.check_who5(upload.project, data)
    return parsed


@logged_as(Kind.IMPORT)
def import_preview(request, pk):
    upload = upload_for_user(request, pk)
    context = {"upload": upload, "problems": [], "unreadable": ""}
    try:
        parsed = _check(upload)
    except formats.UnreadableFile as error:
        context["unreadable"] = str(error)
    else:
        context["problems"] = [str(p) for p in parsed.problems]
        context["rows"] = parsed.rows[:PREVIEW_ROWS]
        context["row_count"] = len(parsed.rows)
        if upload.kind == ImportUpload.Kind.REGISTRATIONS:
            for r in context["rows"]:
                r.gender_label = Gender(r.gender).label
            existing = services.course_ids(upload.project)
            context["new_count"] = sum(1 for r in parsed.rows if r.ref.casefold() not in existing)
            context["new_interventions"] = services.new_catalogue_entries(upload.project, parsed.interventions)
            context["measurement_count"] = len(parsed.measurements)
    return render(request, "exchange/import_preview.html", context)


@logged_as(Kind.IMPORT)
@require_POST
def import_confirm(request, pk):
    upload = upload_for_user(request, pk)
    data = bytes(upload.data)
    try:
        if upload.kind == ImportUpload.Kind.REGISTRATIONS:
            result = services.import_registrations(project=upload.project, data=data, by=request.user,
                                                   time_limit=formats.WEB_TIME_LIMIT)
        else:
            result = services.import_who5(project=upload.project, data=data, by=request.user)
    except (services.ImportRefused, formats.UnreadableFile):
        messages.error(request, _("The file has problems: nothing was imported."))
        return redirect("import_preview", pk=upload.pk)
    upload.summary = _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
        "created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    _finish(upload, ImportUpload.Status.IMPORTED)
    messages.success(request, _("Imported %(file)s: %(summary)s") % {"file": upload.filename, "summary": upload.summary})
    return redirect("project_report", slug=upload.project.slug)


@logged_as(Kind.IMPORT)
@require_POST
def import_discard(request, pk):
    upload = upload_for_user(request, pk)
    _finish(upload, ImportUpload.Status.DISCARDED)
    messages.info(request, _("The file was discarded. Nothing was imported."))
    return redirect("import_start")


def _finish(upload, status):
    upload.status = status
    upload.data = b""  # the spreadsheet itself is not kept
    upload.finished_at = timezone.now()
    upload.save(update_fields=["status", "data", "summary", "finished_at"])
