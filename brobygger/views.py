from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone

from audit import log
from courses.access import visible_courses
from courses.selectors import courses_needing_attention
from projects.models import Project

from .sections import render_sections


def public(view):
    """A page anyone may open without signing in."""
    return login_not_required(view)


def home(request):
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


@public
def accessibility(request):
    return render(request, "accessibility.html")


@public
def privacy(request):
    return render(request, "privacy.html")


@public
def not_found(request, exception=None):
    return render(request, "404.html", status=404)
