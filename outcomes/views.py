from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from brobygger.accesslog import Kind, logged_as
from courses.access import course_for_user

from . import services
from .forms import MeasurementForm


@logged_as(Kind.PAGE)
def record(request, code):
    course = course_for_user(request, code)
    form = MeasurementForm(request.POST or None, initial={"kind": services.suggested_kind(course)})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_measurement(course=course, by=request.user, measured_on=form.cleaned_data["measured_on"],
                                        kind=form.cleaned_data["kind"], answers=form.answers)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The exit indicators are saved."))
            return redirect("course_detail", course.code)
    return render(request, "outcomes/record.html", {"course": course, "form": form})
