"""Indicators computed from data that exists in the foundation (courses); see brobygger.indicators.

Both add what deleted courses left (rights.retained, by month), so a goal's figure for a
period that ended before a retention run or an erasure stays the same after it.
"""

from django.db.models import Q

from courses.models import Course, Referral
from rights.retained import M, retained_between


def courses_registered(project, start, end):
    """Courses that started in the period."""
    live = Course.objects.filter(project=project, start_date__range=(start, end)).count()
    return live + retained_between(project, M.CITIZENS, start, end)


def referrals_started(project, start, end):
    """Referrals that turned into a started service in the period (by the day the status changed)."""
    live = Referral.objects.filter(course__project=project, status=Referral.Status.STARTED).filter(
        Q(status_changed_on__range=(start, end)) | Q(status_changed_on__isnull=True, date__range=(start, end))
    ).count()
    return live + retained_between(project, M.REFERRALS_STARTED, start, end)
