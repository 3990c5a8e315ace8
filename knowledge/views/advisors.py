"""The advisors in the network: the list, and adding or changing one (authors)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from brobygger.accesslog import Kind, logged_as

from .. import selectors, services
from ..access import (
    author_required,
    can_author,
    staff_required,
)
from ..forms import (
    AdvisorForm,
)
from ..models import Advisor


@logged_as(Kind.PAGE)
@staff_required
def advisor_list(request):
    return render(request, "knowledge/advisor_list.html", {
        "units": selectors.advisors_by_unit(), "author": can_author(request.user),
    })


def _advisor_form(request, advisor=None):
    form = AdvisorForm(request.POST or None, instance=advisor)
    if request.method == "POST" and form.is_valid():
        services.save_advisor(advisor=advisor, **form.cleaned_data)
        messages.success(request, _("The advisor register is updated."))
        return redirect("knowledge_advisors")
    return render(request, "knowledge/form.html", {
        "form": form, "heading": _("Edit advisor") if advisor else _("Add an advisor"),
        "back": reverse("knowledge_advisors"),
    })


@logged_as(Kind.PAGE)
@author_required
def advisor_create(request):
    return _advisor_form(request)


@logged_as(Kind.PAGE)
@author_required
def advisor_edit(request, pk):
    return _advisor_form(request, get_object_or_404(Advisor, pk=pk))
