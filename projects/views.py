from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from brobygger.access import administrator_required, is_coordinator
from brobygger.accesslog import Kind, logged_as
from brobygger.sections import render_sections

from .access import project_for_user, projects_for_user
from .forms import InterventionForm, OrganisationForm, ProjectForm, SiteForm
from .models import Intervention, Organisation, Project, Site


@logged_as(Kind.PAGE)
def project_list(request):
    projects = projects_for_user(request.user).select_related("lead_organisation")
    return render(request, "projects/project_list.html", {"projects": projects})


@logged_as(Kind.PAGE)
def project_detail(request, slug):
    project = project_for_user(request, slug)
    roles = request.user.memberships_in(project)
    context = {
        "project": project,
        "roles": roles,
        "can_manage": is_coordinator(request.user, project),
        "sites": project.sites.all(),
        "partners": project.partners.all(),
        "interventions": project.interventions.filter(active=True),
    }
    context["sections"] = render_sections("project", request, project)
    return render(request, "projects/project_detail.html", context)


# The catalogue and sites: the project's coordinator (the members: accounts.views).


@logged_as(Kind.PAGE)
def catalogue(request, slug):
    project = project_for_user(request, slug, "can_manage_project")
    interventions = project.interventions.annotate(times=Count("records"))
    return render(request, "projects/catalogue.html", {"project": project, "interventions": interventions})


@logged_as(Kind.PAGE)
def intervention_edit(request, slug, pk=None):
    project = project_for_user(request, slug, "can_manage_project")
    intervention = get_object_or_404(Intervention, pk=pk, project=project) if pk else Intervention(project=project)
    form = InterventionForm(request.POST or None, instance=intervention)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The catalogue is saved."))
        return redirect("catalogue", project.slug)
    return render(request, "projects/simple_form.html", {
        "project": project, "form": form,
        "heading": _("Edit intervention") if pk else _("New intervention"),
        "hint": _("Renaming keeps the name that earlier records were made under."),
        "cancel": "catalogue",
    })


@logged_as(Kind.PAGE)
def site_list(request, slug):
    project = project_for_user(request, slug, "can_manage_project")
    return render(request, "projects/site_list.html", {"project": project, "sites": project.sites.all()})


@logged_as(Kind.PAGE)
def site_edit(request, slug, pk=None):
    project = project_for_user(request, slug, "can_manage_project")
    site = get_object_or_404(Site, pk=pk, project=project) if pk else Site(project=project)
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The site is saved."))
        return redirect("site_list", project.slug)
    return render(request, "projects/simple_form.html", {
        "project": project, "form": form, "heading": _("Edit site") if pk else _("New site"), "cancel": "site_list",
    })


# Administration: organisations and projects.


@logged_as(Kind.PAGE)
@administrator_required
def organisation_list(request):
    return render(request, "projects/organisation_list.html", {"organisations": Organisation.objects.all()})


@logged_as(Kind.PAGE)
@administrator_required
def organisation_edit(request, pk=None):
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation is saved."))
        return redirect("organisation_list")
    return render(request, "projects/simple_form.html", {
        "form": form, "heading": _("Edit organisation") if pk else _("New organisation"),
        "cancel": "organisation_list",
    })


@logged_as(Kind.PAGE)
@administrator_required
def admin_project_list(request):
    return render(request, "projects/admin_project_list.html", {
        "projects": Project.objects.select_related("lead_organisation").prefetch_related("partners"),
    })


@logged_as(Kind.PAGE)
@administrator_required
def admin_project_edit(request, pk=None):
    project = get_object_or_404(Project, pk=pk) if pk else None
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The project is saved."))
        return redirect("admin_project_list")
    return render(request, "projects/simple_form.html", {
        "form": form, "heading": _("Edit project") if pk else _("New project"), "cancel": "admin_project_list",
    })
