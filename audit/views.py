from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from brobygger.accesslog import Kind, logged_as
from brobygger.spreadsheets import csv_writer

from . import log
from .access import coordinated_projects, visible_events
from .forms import AuditFilterForm
from .selectors import change_history, filter_events

EXPORT_LIMIT = 100_000


def _filtered(request):
    events = visible_events(request.user)
    # Reading the log is an act in the projects whose log was read (none for an administrator).
    log.concerns(request, *coordinated_projects(request.user))
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data, filter_events(events, data)


@logged_as(Kind.AUDIT)
def audit_log(request):
    form, data, events = _filtered(request)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "changes": change_history(request.user, data.get("course", ""))[:200],
    })


@logged_as(Kind.EXPORT)
def audit_export(request):
    _form, _data, events = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="brobygger-access-log-{stamp}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
    writer = csv_writer(response, delimiter=";")
    writer.writerow(["time", "user", "organisation and role", "action", "course", "page", "address", "status",
                     "from", "details", "project"])
    projects = log.project_slugs()
    for e in events[:EXPORT_LIMIT].iterator():
        writer.writerow([
            timezone.localtime(e.at).isoformat(timespec="seconds"), e.username, e.roles, e.action, e.course_code,
            e.url_name, e.path, e.status, e.ip, e.detail, projects.get(e.project_id, ""),
        ])
    return response
