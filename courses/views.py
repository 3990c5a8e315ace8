import re
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit import log
from brobygger.accesslog import Kind, logged_as
from brobygger.sections import render_sections
from projects.models import Project

from . import services
from .access import (
    acting_organisation,
    break_glass_course,
    can_change_referral,
    can_manage_course,
    can_reassign_course,
    course_for_user,
    course_memberships,
    visible_courses,
)
from .forms import (
    BreakGlassForm,
    ConsentForm,
    CourseFilterForm,
    CourseForm,
    EndCourseForm,
    InterventionRecordForm,
    ReferralForm,
    ReferralStatusForm,
    ResponsibleForm,
)
from .selectors import courses_needing_attention


@logged_as(Kind.PAGE)
def home(request):
    """The signed-in worker's start page: their roles, and the courses that need attention."""
    user = request.user
    memberships = sorted(
        user.active_memberships, key=lambda m: (m.project.name if m.project else "", m.get_role_display())
    )
    courses = visible_courses(user)
    today = timezone.localdate()
    attention = courses_needing_attention(courses, today)[:10]
    log.shown(request, [item["course"] for item in attention])
    context = {
        "memberships": memberships,
        "sees_courses": any(m.can_see_courses for m in memberships),
        "open_courses": courses.open().count() if memberships else 0,
        "new_courses": courses.filter(start_date__gte=today - timedelta(days=30)).count() if memberships else 0,
        "attention": attention,
        "projects": Project.objects.filter(pk__in={m.project_id for m in memberships if m.project_id}),
        "sections": render_sections("home", request, user),
    }
    return render(request, "home.html", context)


def _require_course_role(request):
    if not course_memberships(request.user):
        raise Http404("No course access")


# Twenty: on a phone each course is a card, and fifty made one page 25,000 px long.
COURSES_PER_PAGE = 20


@logged_as(Kind.COURSE_LIST)
def course_list(request):
    _require_course_role(request)
    projects = list(Project.objects.filter(pk__in=request.user.projects_where("can_see_courses")))
    form = CourseFilterForm(request.GET or None, projects=projects)
    courses = visible_courses(request.user).select_related("project", "organisation")
    today = timezone.localdate()
    attention_only = False
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            courses = courses.filter(code__icontains=data["q"].strip()) | courses.filter(
                project_ref__iexact=data["q"].strip()
            )
        if data["status"] == "open":
            courses = courses.open()
        elif data["status"] == "ended":
            courses = courses.ended()
        attention_only = data["status"] == "attention"
        if data["project"]:
            courses = courses.filter(project__slug=data["project"])
        if data["organisation"]:
            courses = courses.filter(organisation=data["organisation"])
        if data["intervention"]:
            courses = courses.filter(interventions__intervention=data["intervention"]).distinct()
    attention = {item["course"].pk: item["reason"] for item in courses_needing_attention(courses, today)}
    if attention_only:
        courses = courses.filter(pk__in=attention.keys())
    page = Paginator(courses.order_by("-start_date", "code"), COURSES_PER_PAGE).get_page(request.GET.get("page"))
    log.shown(request, page.object_list)
    # A search that finds nothing is still a search in these projects.
    chosen = form.cleaned_data["project"] if form.is_valid() else ""
    log.concerns(request, *[p for p in projects if not chosen or p.slug == chosen])
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "courses/course_list.html", {
        "form": form, "page": page, "attention": attention, "query": query.urlencode(),
        "break_glass_code": _break_glass_offer(request, form, page),
    })


COURSE_CODE_SHAPE = re.compile(r"^[A-Z0-9]{1,7}-[A-Z0-9]{4}$")


def _break_glass_offer(request, form, page):
    """A searched id that finds nothing: offer emergency access to whoever may break glass.

    Offered for any id of the right shape, found or not, so the offer tells nothing about
    which ids exist; the break-glass page itself answers 404 outside the user's projects.
    """
    if page.paginator.count or not form.is_valid() or not request.user.projects_where("can_break_glass"):
        return None
    code = form.cleaned_data["q"].strip().upper()
    return code if COURSE_CODE_SHAPE.match(code) else None


@logged_as(Kind.PAGE)
def course_create(request):
    _require_course_role(request)
    memberships = course_memberships(request.user)
    form = CourseForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        m = form.chosen_membership
        try:
            course = services.register_course(
                project=m.project, organisation=m.organisation, by=request.user,
                **{k: form.cleaned_data[k] for k in ("gender", "age_at_start", "birth_year", "start_date", "project_ref")},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The course %(code)s is registered. Write the id down: it is the only way to find the course again.") % {"code": course.code})
            return redirect("course_detail", course.code)
    return render(request, "courses/course_form.html", {"form": form})


@logged_as(Kind.PAGE)
def course_detail(request, code):
    course = course_for_user(request, code)
    referrals = list(course.referrals.select_related("organisation", "shared_with"))
    for referral in referrals:
        referral.course = course  # the rule below asks the course; no query per referral
        referral.can_change = can_change_referral(request.user, referral)
    context = {
        "course": course,
        "can_manage": can_manage_course(request.user, course),
        "interventions": course.interventions.select_related("organisation"),
        "referrals": referrals,
        "consents": course.consents.select_related("organisation"),
        "status_form": ReferralStatusForm(),
        "sections": render_sections("course", request, course),
        "break_glass": getattr(request, "break_glass", None),
    }
    return render(request, "courses/course_detail.html", context)


@logged_as(Kind.PAGE)
@require_http_methods(["GET", "POST"])
def break_glass(request, code):
    """Emergency access to a course outside one's scope: asks for the reason, then opens it for hours."""
    if visible_courses(request.user).filter(code=code).exists():
        return redirect("course_detail", code)
    course = break_glass_course(request, code)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass(course=course, user=request.user, reason=form.cleaned_data["reason"],
                                 request=request)
        except PermissionDenied:
            raise Http404("May not break glass") from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The course page says until when, in a banner that stays while the access lasts.
            return redirect("course_detail", course.code)
    return render(request, "courses/break_glass.html", {
        "form": form, "code": course.code, "project": course.project, "hours": settings.BREAK_GLASS_HOURS,
    })


def _managed_course(request, code):
    course = course_for_user(request, code)
    if not can_manage_course(request.user, course):
        raise Http404("Not the course's organisation")
    return course


@logged_as(Kind.PAGE)
def course_edit(request, code):
    course = _managed_course(request, code)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("gender", "age_at_start", "birth_year", "start_date", "project_ref")}
        try:
            services.update_course(course=course, by=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The course is saved."))
            return redirect("course_detail", course.code)
    return render(request, "courses/course_form.html", {"form": form, "course": course})


@logged_as(Kind.PAGE)
def course_end(request, code):
    course = _managed_course(request, code)
    form = EndCourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        services.update_course(course=course, by=request.user, end_date=form.cleaned_data["end_date"],
                               end_reason=form.cleaned_data["end_reason"])
        messages.success(request, _("The course is ended."))
        return redirect("course_detail", course.code)
    return render(request, "courses/course_part_form.html", {
        "form": form, "course": course, "heading": _("End the course"), "button": _("End the course"),
    })


@logged_as(Kind.PAGE)
@require_POST
def course_responsible(request, code):
    """The coordinator reassigns the course's responsible worker (a form on the team meeting page), then
    goes back where they came from. The access log has the change (a POST on a course's address)."""
    course = course_for_user(request, code)
    if not can_reassign_course(request.user, course):
        raise Http404("Not the project's coordinator")
    form = ResponsibleForm(request.POST, course=course)
    if form.is_valid():
        services.set_responsible(course=course, responsible=form.cleaned_data["responsible"], by=request.user)
        if course.responsible:
            messages.success(request, _("%(name)s is now responsible for %(code)s.")
                             % {"name": course.responsible, "code": course.code})
        else:
            messages.success(request, _("No one is responsible for %(code)s now.") % {"code": course.code})
    else:
        messages.error(request, _("Choose a worker of %(organisation)s in the project.")
                       % {"organisation": course.organisation})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("course_detail", course.code)


@logged_as(Kind.PAGE)
def intervention_add(request, code):
    course = course_for_user(request, code)
    organisation = acting_organisation(request.user, course)
    form = InterventionRecordForm(request.POST or None, course=course, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.record_intervention(
            course=course, intervention=form.cleaned_data["intervention"], organisation=organisation,
            by=request.user, on=form.cleaned_data["date"], note=form.cleaned_data["note"],
        )
        messages.success(request, _("The intervention is recorded."))
        return redirect("course_detail", course.code)
    return render(request, "courses/course_part_form.html", {
        "form": form, "course": course, "heading": _("Record an intervention"), "button": _("Record"),
    })


@logged_as(Kind.PAGE)
def referral_add(request, code):
    course = course_for_user(request, code)
    organisation = acting_organisation(request.user, course)
    form = ReferralForm(request.POST or None, course=course, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.make_referral(
                course=course, target=data["target"], service_name=data["service_name"], status=data["status"],
                organisation=organisation, by=request.user, on=data["date"], note=data["note"],
                shared_with=data["shared_with"], directory_service=data.get("directory_service"),
            )
        except ValidationError as error:  # the consent was withdrawn between the form's check and the save
            form.add_error(None, error)
        else:
            messages.success(request, _("The referral is recorded."))
            return redirect("course_detail", course.code)
    return render(request, "courses/course_part_form.html", {
        "form": form, "course": course, "heading": _("Record a referral"), "button": _("Record"),
    })


@logged_as(Kind.PAGE)
@require_POST
def referral_status(request, code, pk):
    course = course_for_user(request, code)
    referral = get_object_or_404(course.referrals, pk=pk)
    referral.course = course
    if not can_change_referral(request.user, referral):
        raise Http404("Not a referral this user may change")
    form = ReferralStatusForm(request.POST)
    if form.is_valid():
        services.set_referral_status(referral=referral, status=form.cleaned_data["status"], by=request.user)
        messages.success(request, _("The referral's status is changed."))
    return redirect("course_detail", course.code)


@logged_as(Kind.PAGE)
def consent_add(request, code):
    course = _managed_course(request, code)
    form = ConsentForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_consent(course=course, organisation=data["organisation"], scope=data["scope"],
                                given_on=data["given_on"], by=request.user)
        messages.success(request, _("The consent is recorded."))
        return redirect("course_detail", course.code)
    return render(request, "courses/course_part_form.html", {
        "form": form, "course": course, "heading": _("Record consent"), "button": _("Record"),
        "hint": _("Record only what the citizen has agreed to. The partner sees the course from now on, until the consent is withdrawn."),
    })


@logged_as(Kind.PAGE)
@require_POST
def consent_withdraw(request, code, pk):
    course = _managed_course(request, code)
    consent = get_object_or_404(course.consents, pk=pk, withdrawn_on__isnull=True)
    services.withdraw_consent(consent=consent, by=request.user)
    messages.success(request, _("The consent is withdrawn. The partner no longer sees the course."))
    return redirect("course_detail", course.code)
