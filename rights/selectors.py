"""Reads for the citizen's rights, and totals that stay right after retention."""

from collections import Counter

from django.db.models import Sum

from audit.models import AccessEvent
from courses.models import Course

from .models import RetainedCount
from .services import counts_for


def project_totals(project) -> dict:
    """{(measure, category): count} over live and deleted courses alike: retention leaves it unchanged.

    Reports that count over all time add `RetainedCount` rows for the courses that are gone;
    this is the reference for them.
    """
    totals = Counter()
    for _p, _month, measure, category, n, _total in counts_for(Course.objects.filter(project=project)):
        totals[(str(measure), category or "")] += n
    for r in RetainedCount.objects.filter(project=project).values("measure", "category").annotate(n=Sum("count")):
        totals[(r["measure"], r["category"])] += r["n"]
    return dict(totals)


def lookups(course) -> list[dict]:
    """When and why the course was looked at, by which organisation; never by whom."""
    rows = []
    events = AccessEvent.objects.filter(course_code=course.code).exclude(action=AccessEvent.Action.DENIED)
    for e in events.order_by("at"):
        organisations = sorted({part.split(": ")[0] for part in e.roles.split("; ") if part})
        rows.append({"at": e.at, "purpose": e.get_action_display(), "organisations": ", ".join(organisations)})
    return rows


def access_request_data(course) -> dict:
    from wellbeing.models import Who5Response

    return {
        "course": course,
        "interventions": course.interventions.select_related("organisation").order_by("date"),
        "referrals": course.referrals.select_related("organisation", "shared_with", "consent").order_by("date"),
        "consents": course.consents.select_related("organisation").order_by("given_on"),
        "who5": Who5Response.objects.filter(course=course).order_by("answered_on"),
        "lookups": lookups(course),
    }
