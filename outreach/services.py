"""Writes for outreach: small keyword-only functions that views, commands and the demo share."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    Card,
    CardBatch,
    GroupActivity,
    HealthRoomVisit,
    OutreachContact,
    Topic,
    new_card_code,
    normalise_card_code,
)

# How far back a worker may date a contact or visit; coordinators may go further.
BACKDATE_DAYS = 31

DEFAULT_TOPICS = [
    gettext_lazy("Social assistance"),
    gettext_lazy("Small jobs"),
    gettext_lazy("Social services"),
    gettext_lazy("Drug treatment"),
    gettext_lazy("Housing"),
    gettext_lazy("Health"),
    gettext_lazy("Legal questions"),
    gettext_lazy("Becoming self-employed (CVR)"),
    gettext_lazy("Leaving sex work"),
    gettext_lazy("Other"),
]


def ensure_topics(project) -> None:
    """Give a project the standard topic list the first time it is needed (in Danish, the project's language)."""
    if Topic.objects.filter(project=project).exists():
        return
    with translation.override("da"):
        topics = [Topic(project=project, name=str(name), order=i) for i, name in enumerate(DEFAULT_TOPICS)]
    Topic.objects.bulk_create(topics, ignore_conflicts=True)


def add_topic(*, project, name: str) -> Topic:
    name = name.strip()
    if Topic.objects.filter(project=project, name__iexact=name).exists():
        raise ValidationError({"name": _("The project already has this topic.")})
    last = Topic.objects.filter(project=project).order_by("-order").values_list("order", flat=True).first() or 0
    topic = Topic(project=project, name=name, order=last + 1)
    topic.full_clean()
    topic.save()
    return topic


def set_topic_active(*, topic: Topic, active: bool) -> Topic:
    topic.active = active
    topic.save(update_fields=["active"])
    return topic


def create_card_batch(*, project, by, size: int) -> CardBatch:
    """Print `size` new cards with random codes, unique within the project."""
    if not 1 <= size <= 200:
        raise ValidationError({"size": _("A batch holds 1 to 200 cards.")})
    with transaction.atomic():
        batch = CardBatch.objects.create(project=project, size=size, created_by=by)
        taken = set()
        while len(taken) < size:
            taken.add(new_card_code())
        for _attempt in range(10):
            clashes = set(Card.objects.filter(project=project, code__in=taken).values_list("code", flat=True))
            if not clashes:
                break
            taken -= clashes
            while len(taken) < size:
                taken.add(new_card_code())
        Card.objects.bulk_create(Card(project=project, batch=batch, code=code) for code in sorted(taken))
    return batch


def find_card(project, code: str) -> Card | None:
    code = normalise_card_code(code)
    if not code:
        return None
    return Card.objects.filter(project=project, code=code).first()


UNKNOWN_CARD = gettext_lazy(
    "There is no card with this code in the project. Check the code on the card; a typing error must not "
    "count as a new person."
)


def _card(project, code: str, field: str = "card_code") -> Card | None:
    if not (code or "").strip():
        return None
    card = find_card(project, code)
    if card is None:
        raise ValidationError({field: UNKNOWN_CARD}, code="unknown_card")
    return card


def check_when(at: datetime, *, may_backdate: bool, field: str = "at") -> None:
    """Nothing in the future; at most BACKDATE_DAYS back unless the person may backdate (a coordinator)."""
    now = timezone.now()
    # A minute of slack: the phone's clock and the server's are rarely in step.
    if at > now + timedelta(minutes=1):
        raise ValidationError({field: _("The time is in the future. Record what has happened.")}, code="future")
    if not may_backdate and at < now - timedelta(days=BACKDATE_DAYS):
        raise ValidationError(
            {field: _("This is more than %(days)d days ago. Ask a coordinator to enter it.") % {"days": BACKDATE_DAYS}},
            code="too_old",
        )


def log_contact(
    *,
    project,
    organisation,
    by,
    site,
    at: datetime | None = None,
    staff=(),
    topics=(),
    information_given: bool = False,
    referral_target: str = "",
    appointment_booked: bool = False,
    accompanied: bool = False,
    card_code: str = "",
    age_band: str = "",
    gender: str = "",
    note: str = "",
    may_backdate: bool = False,
) -> OutreachContact:
    """Save one anonymous contact. Refuses future times, old times (unless allowed) and unknown cards."""
    at = at or timezone.now()
    check_when(at, may_backdate=may_backdate)
    if site.project_id != project.pk:
        raise ValidationError({"site": _("The site is not one of the project's.")})
    topics = list(topics)
    if any(t.project_id != project.pk for t in topics):
        raise ValidationError({"topics": _("A topic is not on the project's list.")})
    contact = OutreachContact(
        project=project, organisation=organisation, created_by=by, site=site, at=at,
        date=timezone.localdate(at), information_given=information_given, referral_target=referral_target,
        appointment_booked=appointment_booked, accompanied=accompanied, card=_card(project, card_code),
        age_band=age_band, gender=gender, note=note,
    )
    # Field checks only (choices, lengths, the identity check on the note); the foreign keys came from
    # the database above, so no extra queries to re-check them.
    contact.clean_fields(exclude=["date", "project", "organisation", "site", "card", "created_by"])
    with transaction.atomic():
        contact.save()
        if topics:
            contact.topics.add(*topics)
        staff = list(staff) or [by]
        contact.staff.add(*staff)
    return contact


def record_health_visit(
    *, project, by, at: datetime | None = None, uses=(), card_code: str = "", may_backdate: bool = False
) -> HealthRoomVisit:
    at = at or timezone.now()
    check_when(at, may_backdate=may_backdate)
    uses = set(uses)
    unknown = uses - set(HealthRoomVisit.USES)
    if unknown:
        raise ValidationError({"uses": _("Unknown use of the health room.")})
    if not uses:
        raise ValidationError({"uses": _("Choose at least one thing that was used.")})
    visit = HealthRoomVisit(project=project, created_by=by, at=at, date=timezone.localdate(at),
                            card=_card(project, card_code), **dict.fromkeys(uses, True))
    visit.save()
    return visit


def record_activity(
    *, project, by, kind: str, on: date, place: str, organiser, topic: str, attendance: int, courses=(),
    may_backdate: bool = False,
) -> GroupActivity:
    if on > timezone.localdate():
        raise ValidationError({"date": _("The date is in the future. Record activities once they have been held.")})
    if not may_backdate and on < timezone.localdate() - timedelta(days=BACKDATE_DAYS):
        raise ValidationError(
            {"date": _("This is more than %(days)d days ago. Ask a coordinator to enter it.") % {"days": BACKDATE_DAYS}}
        )
    courses = list(courses)
    if any(c.project_id != project.pk for c in courses):
        raise ValidationError({"courses": _("A course is not in this project.")})
    if len(courses) > attendance:
        raise ValidationError({"attendance": _("The attendance cannot be lower than the number of linked courses.")})
    activity = GroupActivity(project=project, created_by=by, kind=kind, date=on, place=place, organiser=organiser,
                             topic=topic, attendance=attendance)
    activity.full_clean(exclude=["project", "organiser"])
    with transaction.atomic():
        activity.save()
        if courses:
            activity.courses.add(*courses)
    return activity


def link_card(*, card: Card, course, by) -> Card:
    """Link a card to a course at the person's request: earlier contacts then count in the course's history."""
    if course.project_id != card.project_id:
        raise ValidationError({"course_code": _("The course is not in the card's project.")})
    if card.course_id and card.course_id != course.pk:
        raise ValidationError({"card_code": _("The card is already linked to another course.")})
    card.course = course
    card.linked_on = timezone.localdate()
    try:
        card.save(update_fields=["course", "linked_on"])
    except IntegrityError:  # pragma: no cover - a concurrent link
        raise ValidationError(_("The card could not be linked. Try again.")) from None
    return card


def unlink_card(*, card: Card, by) -> Card:
    card.course = None
    card.linked_on = None
    card.save(update_fields=["course", "linked_on"])
    return card
