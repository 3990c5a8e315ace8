from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brobygger.accesslog import Kind, logged_as
from brobygger.views import public

from . import services
from .access import can_keep_directory, keeper_required, staff_required
from .forms import ServiceForm, ServiceSearchForm
from .models import Service
from .selectors import search_services


def _search(request, queryset):
    form = ServiceSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = search_services(queryset, **{k: v for k, v in filters.items() if v})
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return form, page, query.urlencode()


@logged_as(Kind.PAGE)
@staff_required
def service_list(request):
    keeper = can_keep_directory(request.user)
    queryset = Service.objects.all() if keeper else Service.objects.filter(active=True)
    if keeper and request.GET.get("stale"):
        queryset = Service.objects.stale()
    form, page, query = _search(request, queryset)
    return render(request, "directory/service_list.html", {
        "form": form, "page": page, "query": query, "keeper": keeper, "today": timezone.localdate(),
        "stale_count": Service.objects.stale().count() if keeper else 0,
    })


@logged_as(Kind.PAGE)
@public
def public_directory(request):
    form, page, query = _search(request, Service.objects.public())
    return render(request, "directory/public.html", {"form": form, "page": page, "query": query})


def _service_form(request, service=None):
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        audiences = data.pop("audiences")
        saved = services.save_service(service=service, by=request.user, audiences=audiences, **data)
        messages.success(request, _("The service is saved."))
        return redirect(f"{_directory_url()}#service-{saved.pk}")
    heading = _("Edit service") if service else _("Add a service")
    return render(request, "directory/service_form.html", {"form": form, "heading": heading, "service": service})


def _directory_url():
    return reverse("directory_list")


@logged_as(Kind.PAGE)
@keeper_required
def service_create(request):
    return _service_form(request)


@logged_as(Kind.PAGE)
@keeper_required
def service_edit(request, pk):
    return _service_form(request, get_object_or_404(Service, pk=pk))


@logged_as(Kind.PAGE)
@require_POST
@keeper_required
def service_checked(request, pk):
    service = get_object_or_404(Service, pk=pk)
    services.mark_checked(service=service, by=request.user)
    messages.success(request, _("%(name)s is marked as checked today.") % {"name": service.name})
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/directory/")
                    else _directory_url())
