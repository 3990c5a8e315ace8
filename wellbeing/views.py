import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from audit import log
from brobygger.accesslog import Kind, logged_as
from brobygger.sections import render_sections
from brobygger.views import public
from courses.access import course_for_user, course_memberships, visible_courses

from . import ratelimit, services
from .forms import Who5Form, WorkerWho5Form
from .models import Who5Language, is_token_shaped
from .rounds import due_measurements
from .wording import offered_language

# Where "leave quickly" goes: a neutral, everyday site (the Danish weather service).
LEAVE_QUICKLY_URL = "https://www.dmi.dk/"
RATE_SCOPE = "who5-link"


def _ui_language(code: str) -> str:
    """The interface language for a WHO-5 language: Danish or English (the wording itself is data)."""
    return code if code in dict(settings.LANGUAGES) else "en"


# The citizen's pages: no sign-in, no cookie, no staff menu, nothing about the person or project.


def _citizen_page(request, template, context, *, language, status=200):
    with translation.override(_ui_language(language.code)):
        response = render(request, template, {
            "language": language, "languages": Who5Language.objects.filter(active=True),
            "leave_url": LEAVE_QUICKLY_URL, **context,
        }, status=status)
    # The link must not travel on to the "leave quickly" site or anywhere else.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_not_working(request, language):
    """One kind page, one status, for an unknown, used or expired link (and when rate-limited)."""
    return _citizen_page(request, "wellbeing/citizen/link_not_working.html", {}, language=language, status=404)


# CSRF: exempt, because the normal check cannot work here and is not needed. (1) The page is
# sent with Referrer-Policy: no-referrer, so the browser sends "Origin: null" with the POST and
# Django's origin check would refuse every answer. (2) The issue asks that nothing is left in
# the citizen's browser, and a CSRF cookie would be left. The unguessable one-time token in the
# URL does the CSRF token's job: a forged POST needs the token, and whoever has the token can
# answer anyway. The answer is stored once, whatever happens.
@logged_as(Kind.PAGE)
@csrf_exempt
@public
@require_http_methods(["GET", "POST"])
def citizen_answer(request, token):
    language = offered_language(request.POST.get("language") or request.GET.get("lang"))
    if ratelimit.is_blocked(request, RATE_SCOPE):
        return _link_not_working(request, language)
    invitation = services.usable_invitation(token)
    if invitation is None:
        ratelimit.record_failure(request, RATE_SCOPE)
        return _link_not_working(request, language)
    form = Who5Form(request.POST if request.method == "POST" else None, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_who5(invitation=invitation, answers=form.answers, language=language.code)
        except services.InvitationUsed:
            return _link_not_working(request, language)
        return redirect(reverse("who5_thanks") + f"?lang={language.code}")
    return _citizen_page(request, "wellbeing/citizen/answer.html", {"form": form, "token": token},
                         language=language)


@logged_as(Kind.PAGE)
@public
def citizen_thanks(request):
    return _citizen_page(request, "wellbeing/citizen/thanks.html", {}, language=offered_language(request.GET.get("lang")))


@logged_as(Kind.PAGE)
@public
def citizen_accessibility(request):
    """The accessibility statement for the citizen's pages: in their language and look, and as silent
    about the person and the purpose as the pages it belongs to (the staff statement is neither)."""
    # The whole visit is one history entry (citizen.js), so the statement offers the way back to the
    # questions itself; only something shaped like a token is put into that link.
    back = request.GET.get("back", "")
    return _citizen_page(request, "wellbeing/citizen/accessibility.html",
                         {"back": back if is_token_shaped(back) else ""},
                         language=offered_language(request.GET.get("lang")))


# The workers' pages.


@logged_as(Kind.PAGE)
def due_list(request):
    if not course_memberships(request.user):
        raise Http404("No course access")
    today = timezone.localdate()
    items = due_measurements(visible_courses(request.user), today)
    show = request.GET.get("show")
    if show == "overdue":
        items = [m for m in items if m.overdue]
    log.shown(request, [m.course for m in items])
    return render(request, "wellbeing/due_list.html", {
        "items": items, "show": show, "today": today,
        "reassign": None,  # the responsible worker is reassigned at the team meeting, not here
        # Other measurements on the same schedule (the exit indicators) add theirs here.
        "sections": render_sections("due_list", request, request.user),
        "overdue_count": sum(1 for m in items if m.overdue),
    })


def _open_course(request, code):
    """The course, or None (with the reason as a message) when no measurement is taken on it."""
    course = course_for_user(request, code)
    try:
        services.check_open(course)
    except ValidationError as error:
        messages.info(request, error.messages[0])
        return None
    return course


@logged_as(Kind.INVITATION)
def invite(request, code):
    course = _open_course(request, code)
    if course is None:
        return redirect("course_detail", code)
    context = {"course": course, "days": services.INVITATION_DAYS}
    if request.method == "POST":
        invitation, token = services.create_invitation(course=course, by=request.user)
        link = request.build_absolute_uri(reverse("who5_citizen", args=[token]))
        label = escape(_("QR code for the link"))
        svg = segno.make(link, error="m").svg_inline(scale=5, border=2, title=label, svgclass="who5-qr")
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        context.update({
            "invitation": invitation, "link": link,
            "qr_svg": mark_safe(svg),  # noqa: S308  # nosec B308 B703  # segno's own markup; the only text in it is escaped above
        })
        # Shown once: the link exists only on this page and the card, never in the database.
        return render(request, "wellbeing/invitation.html", context)
    context["open_invitations"] = course.who5_invitations.open(timezone.now())
    return render(request, "wellbeing/invite.html", context)


@logged_as(Kind.INVITATION)
@require_POST
def withdraw_invitation(request, code, pk):
    course = course_for_user(request, code)
    invitation = get_object_or_404(course.who5_invitations, pk=pk)
    services.withdraw_invitation(invitation=invitation)
    messages.success(request, _("The link no longer works."))
    return redirect("who5_invite", course.code)


@logged_as(Kind.PAGE)
def answer_with_worker(request, code):
    course = _open_course(request, code)
    if course is None:
        return redirect("course_detail", code)
    language = offered_language(request.POST.get("language") or request.GET.get("lang") or translation.get_language())
    form = WorkerWho5Form(request.POST or None, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            response = services.record_who5(
                course=course, answers=form.answers, language=language.code, by=request.user,
                on=form.cleaned_data["answered_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The WHO-5 answer is saved: %(score)d points.") % {"score": response.score})
            return redirect("course_detail", course.code)
    return render(request, "wellbeing/answer_with_worker.html", {
        "course": course, "form": form, "language": language,
        "languages": Who5Language.objects.filter(active=True),
    })
