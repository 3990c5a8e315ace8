"""Indicators computed from data that exists in the foundation (courses); see brobygger.indicators."""

from django.db.models import Q

from courses.models import Course, Referral


def courses_registered(project, start, end):
    """Courses that started in the period."""
    return Course.objects.filter(project=project, start_date__range=(start, end)).count()


def referrals_started(project, start, end):
    """Referrals that turned into a started service in the period (by the day the status changed)."""
    return Referral.objects.filter(course__project=project, status=Referral.Status.STARTED).filter(
        Q(status_changed_on__range=(start, end)) | Q(status_changed_on__isnull=True, date__range=(start, end))
    ).count()
