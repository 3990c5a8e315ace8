from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit import log
from brobygger.accesslog import Kind, logged_as
from brobygger.pdf import render_pdf

from . import services
from .access import course_for_rights, is_rights_officer
from .forms import EraseForm, FindCourseForm
from .selectors import access_request_data


@logged_as(Kind.PAGE)
@require_http_methods(["GET", "POST"])
def rights_home(request):
    if not is_rights_officer(request.user):
        raise Http404("Not a coordinator")
    form = FindCourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The id goes in the path, never the query string (no search text in addresses).
        return redirect("rights_course", form.cleaned_data["code"])
    return render(request, "rights/home.html", {"form": form})


@logged_as(Kind.PAGE)
def rights_course(request, code):
    course = course_for_rights(request, code)
    return render(request, "rights/course.html", access_request_data(course))


@logged_as(Kind.PAGE)
def rights_access_pdf(request, code):
    course = course_for_rights(request, code)
    context = {**access_request_data(course), "made_at": timezone.now()}
    pdf = render_pdf(render_to_string("rights/access_request_pdf.html", context, request=request))
    log.record(request, action=log.Action.ACCESS_REQUEST, course=course)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="access-request-{course.code}.pdf"'
    return response


@logged_as(Kind.PAGE)
@require_http_methods(["GET", "POST"])
def rights_erase(request, code):
    course = course_for_rights(request, code)
    form = EraseForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        log.concerns(request, course.project_id)
        services.erase_course(course=course, request=request, by=request.user)
        messages.success(request, _("The course %(code)s is erased. Only anonymous counts remain.") % {
            "code": course.code})
        return redirect("rights_home")
    return render(request, "rights/erase.html", {"form": form, "course": course})
