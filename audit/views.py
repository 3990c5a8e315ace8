from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from brobygger.access import coordinated_projects
from brobygger.accesslog import Kind, logged_as

from . import log
from .access import visible_events
from .forms import AuditFilterForm
from .selectors import change_history, events_csv, filter_events


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
        # Each project the user coordinates: its log is exported through an export request.
        "projects": sorted({m.project for m in request.user.active_memberships
                            if m.project_id in coordinated_projects(request.user)}, key=lambda p: p.name),
    })


@logged_as(Kind.EXPORT)
def audit_export(request):
    """The administrator's CSV of the whole log. A coordinator's export of their project's log is
    asked for with a recipient and a purpose (the exports app), like every other row-level export."""
    if not request.user.is_administrator:
        raise Http404("Coordinators export their project's log through an export request")
    _form, _data, events = _filtered(request)
    response = HttpResponse(events_csv(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="brobygger-access-log-{stamp}.csv"'
    return response
