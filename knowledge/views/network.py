"""The network meetings: the list, a meeting and its actions, and the year's overview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit import log
from brobygger.access import coordinated_projects
from brobygger.accesslog import Kind, logged_as

from .. import selectors, services
from ..access import (
    may_add_action,
    meeting_for_action,
    meeting_for_user,
    meetings_for_user,
    network_projects,
    staff_required,
)
from ..forms import (
    ActionForm,
    MeetingForm,
)
from ..models import Action


@logged_as(Kind.PAGE)
@staff_required
def meeting_list(request):
    meetings = meetings_for_user(request.user).select_related("project").prefetch_related("attendance")
    years = sorted({d.year for d in meetings.dates("date", "year")} | {timezone.localdate().year}, reverse=True)
    return render(request, "knowledge/meeting_list.html", {
        "meetings": meetings, "years": years, "recorder": bool(coordinated_projects(request.user)),
    })


def _meeting_form(request, meeting=None):
    projects = coordinated_projects(request.user)
    if not projects:
        raise Http404("Not found")
    form = MeetingForm(request.POST or None, instance=meeting, projects=projects)
    if request.method == "POST" and form.is_valid():
        saved = services.save_meeting(meeting=meeting, by=request.user, attendance=form.attendance(),
                                      **form.meeting_fields())
        log.concerns(request, saved.project_id)  # a new meeting, or one moved to another project
        messages.success(request, _("The meeting is saved."))
        return redirect("knowledge_meeting", saved.pk)
    return render(request, "knowledge/meeting_form.html", {
        "form": form, "heading": _("Edit the meeting") if meeting else _("Record a network meeting"),
        "back": reverse("knowledge_meeting", args=[meeting.pk]) if meeting else reverse("knowledge_meetings"),
    })


@logged_as(Kind.PAGE)
def meeting_create(request):
    return _meeting_form(request)


@logged_as(Kind.PAGE)
def meeting_edit(request, pk):
    return _meeting_form(request, meeting_for_user(request, pk, edit=True))


@logged_as(Kind.PAGE)
def meeting_detail(request, pk):
    meeting = meeting_for_user(request, pk)
    return render(request, "knowledge/meeting_detail.html", {
        "meeting": meeting,
        "attendance": meeting.attendance.select_related("organisation"),
        "actions": meeting.actions.all(),
        "carried": selectors.carried_actions(meeting),
        "recorder": meeting.project_id in coordinated_projects(request.user),
        "may_add_action": may_add_action(request.user, meeting),
        "today": timezone.localdate(),
    })


@logged_as(Kind.PAGE)
def action_add(request, pk):
    meeting = meeting_for_action(request, pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_action(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The action is recorded."))
        return redirect(reverse("knowledge_meeting", args=[meeting.pk]) + "#actions")
    return render(request, "knowledge/form.html", {
        "form": form, "heading": _("Record an agreed action"), "back": reverse("knowledge_meeting", args=[meeting.pk]),
    })


@logged_as(Kind.PAGE)
@require_POST
def action_close(request, pk):
    action = get_object_or_404(Action.objects.select_related("meeting"), pk=pk,
                               meeting__project__in=coordinated_projects(request.user))
    log.concerns(request, action.meeting.project_id)
    try:
        services.close_action(action=action)
        messages.success(request, _("The action is closed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/knowledge/") else reverse("knowledge_meeting", args=[action.meeting_id]))


@logged_as(Kind.PAGE)
@staff_required
def network_year(request, year):
    if not 2000 <= year <= 2100:
        raise Http404("Not found")
    return render(request, "knowledge/network_year.html", {
        "data": selectors.network_year(year, projects=network_projects(request.user)),
    })
