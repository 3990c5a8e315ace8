"""Reads for the citizen's rights (what deleted courses leave to reports: rights.retained)."""

from audit.models import AccessEvent


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
        # The exports whose file held a row of the course (the exports app links them to the course).
        "exports": course.exports.select_related("recipient_organisation").order_by("created_at", "pk"),
    }
