"""Reads for outreach: one function gathers the follow-up; the page, the Excel file and the indicators use it.

Everything is counted in the database with grouped queries on indexed columns, so the
number of queries stays the same however many contacts there are.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncWeek

from brobygger.smallnumbers import suppress, suppress_value
from courses.models import Gender, Referral

from .models import AgeBand, Card, GroupActivity, HealthRoomVisit, OutreachContact

HEALTH_USES = HealthRoomVisit.USES


@dataclass
class FollowUp:
    project: object
    start: date
    end: date
    suppressed: bool
    totals: dict = field(default_factory=dict)
    weeks: list = field(default_factory=list)  # [(monday, count)]
    sites: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    referrals: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)
    age_bands: dict = field(default_factory=dict)
    genders: dict = field(default_factory=dict)
    health: dict = field(default_factory=dict)
    activities: dict = field(default_factory=dict)  # kind -> {"held": n, "attendance": n}
    business_courses: list = field(default_factory=list)


def contacts_in(project, start: date, end: date):
    return OutreachContact.objects.filter(project=project, date__gte=start, date__lte=end)


def contact_totals(project, start: date, end: date) -> dict:
    contacts = contacts_in(project, start, end)
    totals = contacts.aggregate(
        contacts=Count("pk"),
        with_card=Count("pk", filter=Q(card__isnull=False)),
        people=Count("card", distinct=True),
        information_given=Count("pk", filter=Q(information_given=True)),
        referred=Count("pk", filter=~Q(referral_target="")),
        appointment_booked=Count("pk", filter=Q(appointment_booked=True)),
        accompanied=Count("pk", filter=Q(accompanied=True)),
    )
    # Cards seen at least twice in the period: returning visitors.
    totals["returning"] = (
        contacts.filter(card__isnull=False).values("card").annotate(n=Count("pk")).filter(n__gte=2).count()
    )
    # Cards whose first contact ever falls in the period: new card holders.
    totals["new_cards"] = (
        OutreachContact.objects.filter(project=project, card__isnull=False).values("card")
        .annotate(first=Min("date")).filter(first__gte=start, first__lte=end).count()
    )
    totals["without_card"] = totals["contacts"] - totals["with_card"]
    totals["repeat_rate"] = round(100 * totals["returning"] / totals["people"]) if totals["people"] else None
    return totals


def _counts(rows, key, labels: dict | None = None) -> dict:
    out = {}
    for row in rows:
        label = row[key]
        if labels is not None:
            label = labels.get(label, label)
        out[str(label)] = row["n"]
    return out


def followup(project, start: date, end: date, *, suppressed: bool = False) -> FollowUp:
    """The project's outreach follow-up for start..end (both included)."""
    contacts = contacts_in(project, start, end)
    data = FollowUp(project=project, start=start, end=end, suppressed=suppressed)
    data.totals = contact_totals(project, start, end)

    weeks = dict(
        contacts.annotate(week=TruncWeek("date")).values("week").annotate(n=Count("pk")).values_list("week", "n")
    )
    weeks = {(w.date() if hasattr(w, "date") else w): n for w, n in weeks.items()}
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        data.weeks.append((monday, weeks.get(monday, 0)))
        monday += timedelta(days=7)

    data.sites = _counts(contacts.values("site__name").annotate(n=Count("pk")).order_by("-n", "site__name"),
                         "site__name")
    through = OutreachContact.topics.through.objects.filter(
        outreachcontact__project=project, outreachcontact__date__gte=start, outreachcontact__date__lte=end
    )
    data.topics = _counts(through.values("topic__name").annotate(n=Count("pk")).order_by("-n", "topic__name"),
                          "topic__name")
    targets = dict(Referral.Target.choices)
    data.referrals = _counts(
        contacts.exclude(referral_target="").values("referral_target").annotate(n=Count("pk")).order_by("-n"),
        "referral_target", targets,
    )
    data.outcomes = {
        str(OutreachContact._meta.get_field(name).verbose_name).capitalize(): data.totals[key]
        for name, key in [("information_given", "information_given"), ("referral_target", "referred"),
                          ("appointment_booked", "appointment_booked"), ("accompanied", "accompanied")]
    }
    ages = dict(AgeBand.choices)
    data.age_bands = _counts(contacts.exclude(age_band="").values("age_band").annotate(n=Count("pk"))
                             .order_by("age_band"), "age_band", ages)
    genders = dict(Gender.choices)
    data.genders = _counts(contacts.exclude(gender="").values("gender").annotate(n=Count("pk")).order_by("gender"),
                           "gender", genders)

    visits = HealthRoomVisit.objects.filter(project=project, date__gte=start, date__lte=end)
    health = visits.aggregate(visits=Count("pk"), people=Count("card", distinct=True),
                              **{u: Count("pk", filter=Q(**{u: True})) for u in HEALTH_USES})
    data.health = {
        "visits": health.pop("visits"), "people": health.pop("people"),
        "uses": {str(HealthRoomVisit._meta.get_field(u).verbose_name).capitalize(): health[u] for u in HEALTH_USES},
    }

    activities = GroupActivity.objects.filter(project=project, date__gte=start, date__lte=end)
    kinds = dict(GroupActivity.Kind.choices)
    rows = {r["kind"]: r for r in activities.values("kind").annotate(held=Count("pk"), attendance=Sum("attendance"))}
    data.activities = {
        str(label): {"held": rows.get(kind, {}).get("held", 0), "attendance": rows.get(kind, {}).get("attendance") or 0}
        for kind, label in kinds.items()
    }
    data.business_courses = list(
        activities.filter(kind=GroupActivity.Kind.BUSINESS_COURSE).select_related("organiser").order_by("date")
    )
    if suppressed:
        _suppress(data)
    return data


def _suppress(data: FollowUp) -> None:
    """Beyond the project: counts of 1-4 show as "<5" (people could be recognised in small cells)."""
    for name in ("sites", "topics", "referrals", "outcomes", "age_bands", "genders"):
        setattr(data, name, suppress(getattr(data, name)))
    data.totals = {k: (v if k == "repeat_rate" else suppress_value(v)) for k, v in data.totals.items()}
    if any(isinstance(data.totals.get(k), str) for k in ("people", "returning")):
        data.totals["repeat_rate"] = None
    data.weeks = [(w, suppress_value(n)) for w, n in data.weeks]
    data.health = {"visits": suppress_value(data.health["visits"]), "people": suppress_value(data.health["people"]),
                   "uses": suppress(data.health["uses"])}
    data.activities = {k: {"held": v["held"], "attendance": suppress_value(v["attendance"])}
                       for k, v in data.activities.items()}
    data.business_courses = [
        {"date": a.date, "place": a.place, "organiser": a.organiser, "topic": a.topic,
         "attendance": suppress_value(a.attendance)} for a in data.business_courses
    ]


# Indicators (brobygger.indicators): compute(project, start, end) -> number | None.

def anonymous_people(project, start, end):
    return contacts_in(project, start, end).aggregate(n=Count("card", distinct=True))["n"]


def anonymous_contacts(project, start, end):
    return contacts_in(project, start, end).count()


def business_courses_held(project, start, end):
    return GroupActivity.objects.filter(project=project, kind=GroupActivity.Kind.BUSINESS_COURSE,
                                        date__gte=start, date__lte=end).count()


def business_course_attendance(project, start, end):
    return GroupActivity.objects.filter(project=project, kind=GroupActivity.Kind.BUSINESS_COURSE,
                                        date__gte=start, date__lte=end).aggregate(n=Sum("attendance"))["n"] or 0


def contacts_by_site_since(project, since: date) -> dict:
    return _counts(
        OutreachContact.objects.filter(project=project, date__gte=since).values("site__name")
        .annotate(n=Count("pk")).order_by("-n", "site__name"),
        "site__name",
    )


def contacts_for_course(course):
    """Anonymous contacts made with the cards linked to `course` (at the citizen's request)."""
    return (
        OutreachContact.objects.filter(card__course=course).select_related("site", "card")
        .prefetch_related("topics").order_by("-at")
    )


def linked_cards(course):
    return Card.objects.filter(course=course)
