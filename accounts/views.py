from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brobygger.access import administrator_required
from brobygger.accesslog import Kind, logged_as
from projects.access import project_for_user

from . import services
from .forms import MembershipForm, UserForm
from .models import Membership, User


@logged_as(Kind.PAGE)
@administrator_required
def user_list(request):
    users = User.objects.order_by("username").prefetch_related("memberships__organisation", "memberships__project")
    return render(request, "accounts/user_list.html", {"users": users})


@logged_as(Kind.PAGE)
@administrator_required
def user_edit(request, pk=None):
    user = get_object_or_404(User, pk=pk) if pk else None
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The user %(name)s is saved.") % {"name": saved.username})
        return redirect("user_detail", saved.pk)
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})


@logged_as(Kind.PAGE)
@administrator_required
def user_detail(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = MembershipForm(request.POST or None, initial={"user": user}, by=request.user)
    if request.method == "POST" and form.is_valid():
        form.save(request=request)
        messages.success(request, _("The role is added."))
        return redirect("user_detail", user.pk)
    memberships = user.memberships.select_related("organisation", "project")
    return render(request, "accounts/user_detail.html", {"edited": user, "memberships": memberships, "form": form})


@logged_as(Kind.PAGE)
@administrator_required
@require_POST
def membership_delete(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    user_pk = membership.user_id
    services.remove_role(by=request.user, membership=membership, request=request)
    messages.success(request, _("The role is removed."))
    return redirect("user_detail", user_pk)


# A project's members, kept by its coordinator (/projects/<slug>/members/).


@logged_as(Kind.PAGE)
def member_list(request, slug):
    project = project_for_user(request, slug, "can_manage_project")
    form = MembershipForm(request.POST or None, project=project, by=request.user)
    if request.method == "POST" and form.is_valid():
        form.save(request=request)
        messages.success(request, _("The member is added."))
        return redirect("member_list", project.slug)
    members = project.memberships.select_related("user", "organisation").order_by("user__username")
    return render(request, "accounts/member_list.html", {"project": project, "members": members, "form": form})


@logged_as(Kind.PAGE)
@require_POST
def member_remove(request, slug, pk):
    project = project_for_user(request, slug, "can_manage_project")
    membership = get_object_or_404(Membership, pk=pk, project=project)
    services.remove_role(by=request.user, membership=membership, request=request)
    messages.success(request, _("The member is removed."))
    return redirect("member_list", project.slug)
