"""Reads for outreach: one function gathers the follow-up; the page, the Excel file and the indicators use it.

Everything is counted in the database with grouped queries on indexed columns, so the
number of queries stays the same however many contacts there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Sum

from brobygger import agebands
from brobygger.rounding import percent
from courses.models import Gender, Referral

from .disclosure import disclosed_followup
from .models import Card, ContactTopic, GroupActivity, HealthRoomVisit, OutreachContact, Topic

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


# (key in the totals, the contact's field it comes from, the condition)
OUTCOMES = [("information_given", "information_given", Q(information_given=True)),
            ("referred", "referral_target", ~Q(referral_target="")),
            ("appointment_booked", "appointment_booked", Q(appointment_booked=True)),
            ("accompanied", "accompanied", Q(accompanied=True))]


def _dimension_counts(sites) -> dict:
    """Conditional counts for every value of every dimension, so one scan of the period's contacts
    gives totals, outcomes, sites, referral targets, age bands and genders together."""
    counts = {
        "contacts": Count("pk"),
        "with_card": Count("pk", filter=Q(card__isnull=False)),
        "people": Count("card", distinct=True),
    }
    counts.update({key: Count("pk", filter=condition) for key, _field, condition in OUTCOMES})
    counts.update({f"site_{site.pk}": Count("pk", filter=Q(site_id=site.pk)) for site in sites})
    counts.update({f"ref_{value}": Count("pk", filter=Q(referral_target=value)) for value in Referral.Target.values})
    counts.update({f"age_{value}": Count("pk", filter=Q(age_band=value)) for value in agebands.CODES})
    counts.update({f"gender_{value}": Count("pk", filter=Q(gender=value)) for value in Gender.values})
    return counts


def _returning_and_new(project, start: date, end: date) -> tuple[int, int]:
    with_card = contacts_in(project, start, end).filter(card__isnull=False)
    # Cards seen at least twice in the period: returning visitors.
    returning = with_card.values("card").annotate(n=Count("pk")).filter(n__gte=2).count()
    # Cards seen in the period and never before it: new card holders (an index probe per card).
    earlier = OutreachContact.objects.filter(card=OuterRef("card"), date__lt=start)
    new = with_card.exclude(Exists(earlier)).values("card").distinct().count()
    return returning, new


def contact_totals(project, start: date, end: date, sites) -> tuple[dict, dict]:
    """The period's totals, and the whole row of conditional counts they came from."""
    row = contacts_in(project, start, end).aggregate(**_dimension_counts(sites))
    totals = {k: row[k] for k in ("contacts", "with_card", "people", *(key for key, _f, _c in OUTCOMES))}
    totals["returning"], totals["new_cards"] = _returning_and_new(project, start, end)
    totals["without_card"] = totals["contacts"] - totals["with_card"]
    totals["repeat_rate"] = percent(totals["returning"], totals["people"], 0)
    return totals, row


def _counts(rows, key) -> dict:
    return {str(row[key]): row["n"] for row in rows}


def _present(row, prefix, choices) -> dict:
    """{label: count} of the choices that occur, in the choices' order."""
    return {str(label): row[f"{prefix}_{value}"] for value, label in choices if row[f"{prefix}_{value}"]}


def _nonzero(pairs) -> dict:
    return {str(label): n for label, n in sorted(pairs, key=lambda p: -p[1]) if n}


def followup(project, start: date, end: date, *, suppressed: bool = False) -> FollowUp:
    """The project's outreach follow-up for start..end (both included)."""
    contacts = contacts_in(project, start, end)
    data = FollowUp(project=project, start=start, end=end, suppressed=suppressed)
    sites = list(project.sites.all())
    data.totals, row = contact_totals(project, start, end, sites)

    # Per day from the (project, date) index, summed into weeks here: at most 366 small rows.
    weeks = defaultdict(int)
    for day, n in contacts.order_by().values("date").annotate(n=Count("pk")).values_list("date", "n"):
        weeks[day - timedelta(days=day.weekday())] += n
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        data.weeks.append((monday, weeks.get(monday, 0)))
        monday += timedelta(days=7)

    data.sites = _nonzero((site.name, row[f"site_{site.pk}"]) for site in sites)
    data.referrals = _nonzero((label, row[f"ref_{value}"]) for value, label in Referral.Target.choices)
    data.age_bands = _present(row, "age", agebands.CHOICES)
    data.genders = _present(row, "gender", Gender.choices)
    data.outcomes = {
        str(OutreachContact._meta.get_field(name).verbose_name).capitalize(): data.totals[key]
        for key, name, _condition in OUTCOMES
    }
    # Topics from their own index (project, date, topic): no join with the contacts.
    links = ContactTopic.objects.filter(project=project, date__gte=start, date__lte=end)
    names = dict(Topic.objects.filter(project=project).values_list("pk", "name"))
    data.topics = _nonzero((names[r["topic"]], r["n"]) for r in links.values("topic").annotate(n=Count("pk")))

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
        disclosed_followup(data)
    return data


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


def has_outreach(project) -> bool:
    """Whether the project does outreach at all: a contact was ever recorded in it. A project without
    (one that only follows courses) gets no outreach part on its team meeting page."""
    return OutreachContact.objects.filter(project=project).exists()


def contacts_by_site_since(project, since: date) -> dict:
    return _counts(
        OutreachContact.objects.filter(project=project, date__gte=since).values("site__name")
        .annotate(n=Count("pk")).order_by("-n", "site__name"),
        "site__name",
    )


def contacts_by_site_between(project, start: date, end: date) -> dict:
    """Contacts per site from `start` to `end`, both included: the period before, for the trend."""
    return _counts(
        OutreachContact.objects.filter(project=project, date__gte=start, date__lte=end).values("site__name")
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


def remembered_site(*, project, user, day):
    """The site of the worker's last contact that day: remembered per worker (whatever phone or session),
    for the day only, so that tomorrow's first contact does not start at today's site."""
    from projects.models import Site

    site_id = (OutreachContact.objects.filter(project=project, created_by=user, date=day)
               .order_by("-created_at", "-pk").values_list("site_id", flat=True).first())
    return Site.objects.filter(pk=site_id, active=True).first() if site_id else None
