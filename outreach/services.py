"""Writes for outreach: small keyword-only functions that views, commands and the demo share."""

from datetime import date, datetime, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    Card,
    CardBatch,
    ContactTopic,
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
    # Compared in Python: SQLite's case-insensitive match knows only ASCII, and topics are few.
    if name.casefold() in {n.casefold() for n in Topic.objects.filter(project=project).values_list("name", flat=True)}:
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


def check_when(when: date | datetime, *, may_backdate: bool, field: str = "at") -> None:
    """Nothing in the future; at most BACKDATE_DAYS back unless the person may backdate (a coordinator).
    The one rule for every record: a time (a contact, a visit) is compared with now, a date (a group
    activity) with today."""
    if isinstance(when, datetime):
        # A minute of slack: the phone's clock and the server's are rarely in step.
        now, slack = timezone.now(), timedelta(minutes=1)
        future = _("The time is in the future. Record what has happened.")
    else:
        now, slack = timezone.localdate(), timedelta(0)
        future = _("The date is in the future. Record activities once they have been held.")
    if when > now + slack:
        raise ValidationError({field: future}, code="future")
    if not may_backdate and when < now - timedelta(days=BACKDATE_DAYS):
        raise ValidationError(
            {field: _("This is more than %(days)d days ago. Ask a coordinator to enter it.") % {"days": BACKDATE_DAYS}},
            code="too_old",
        )


class ClientIdConflict(Exception):
    """The phone's id is already on a different record (other content, another worker or project): nothing saved."""


def _repeat_of(model, *, client_id: UUID | None, project, by, content: dict, stored_content):
    """The record already saved with this phone-made id, if it is the same record; else ClientIdConflict.

    A retry after a timeout, a second tab or a replayed queue sends the same id with the same content:
    that is the stored record, answered as a success. The same id with anything different is refused,
    and so is an id on another worker's or project's record (its content is never compared or shown).
    """
    if client_id is None:
        return None
    existing = model.objects.filter(client_id=client_id).first()
    if existing is None:
        return None
    if existing.project_id != project.pk or existing.created_by_id != by.pk or stored_content(existing) != content:
        raise ClientIdConflict(client_id)
    existing.repeat = True
    return existing


def _save_once(model, save, *, client_id, project, by, content, stored_content):
    """Run `save` (which writes the record in its own transaction); if a concurrent request with the same
    client id won the race, the unique constraint refuses this one and the winner's record is the answer."""
    try:
        record = save()
    except IntegrityError:
        existing = _repeat_of(model, client_id=client_id, project=project, by=by, content=content,
                              stored_content=stored_content)
        if existing is None:
            raise
        return existing
    record.repeat = False
    return record


def _card_code_content(code: str) -> str:
    return normalise_card_code(code) if (code or "").strip() else ""


def _contact_content(contact: OutreachContact) -> dict:
    return {
        "site": contact.site_id, "at": contact.at, "staff": set(contact.staff.values_list("pk", flat=True)),
        "topics": set(contact.topic_links.values_list("topic_id", flat=True)),
        "information_given": contact.information_given, "referral_target": contact.referral_target,
        "referral_service": contact.referral_service_id, "appointment_booked": contact.appointment_booked, "accompanied": contact.accompanied,
        "card_code": contact.card.code if contact.card_id else "", "age_band": contact.age_band,
        "gender": contact.gender, "note": contact.note,
    }


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
    referral_service=None,
    appointment_booked: bool = False,
    accompanied: bool = False,
    card_code: str = "",
    age_band: str = "",
    gender: str = "",
    note: str = "",
    may_backdate: bool = False,
    client_id: UUID | None = None,
    client_id_is_new: bool = False,
) -> OutreachContact:
    """Save one anonymous contact. Refuses future times, old times (unless allowed) and unknown cards.

    With a `client_id` (made on the phone) the contact is saved once: a repeat returns the stored
    contact (`.repeat` is True), a different contact with the same id raises ClientIdConflict.
    `client_id_is_new`: the caller has just found no record with this id (the phone's queue looks
    up a whole batch in one query), so it is not looked up again; one saved since is still caught
    by the unique constraint (_save_once).
    """
    at = at or timezone.now()
    staff, topics = list(staff), list(topics)
    if referral_service is not None:
        referral_target = referral_service.kind  # the kind follows from the service
    content = {
        "site": site.pk, "at": at, "staff": {u.pk for u in staff} or {by.pk}, "topics": {t.pk for t in topics},
        "information_given": information_given, "referral_target": referral_target,
        "referral_service": referral_service.pk if referral_service else None,
        "appointment_booked": appointment_booked, "accompanied": accompanied,
        "card_code": _card_code_content(card_code), "age_band": age_band, "gender": gender, "note": note,
    }
    once = {"client_id": client_id, "project": project, "by": by, "content": content,
            "stored_content": _contact_content}
    # A repeat is answered before the checks: a replay days later is still the same, accepted contact.
    existing = None if client_id_is_new else _repeat_of(OutreachContact, **once)
    if existing is not None:
        return existing
    check_when(at, may_backdate=may_backdate)
    if site.project_id != project.pk:
        raise ValidationError({"site": _("The site is not one of the project's.")})
    if any(t.project_id != project.pk for t in topics):
        raise ValidationError({"topics": _("A topic is not on the project's list.")})
    contact = OutreachContact(
        project=project, organisation=organisation, created_by=by, site=site, at=at,
        date=timezone.localdate(at), information_given=information_given, referral_target=referral_target,
        referral_service=referral_service, appointment_booked=appointment_booked, accompanied=accompanied, card=_card(project, card_code),
        age_band=age_band, gender=gender, note=note, client_id=client_id,
    )
    # Field checks only (choices, lengths, the identity check on the note); the foreign keys came from
    # the database above, so no extra queries to re-check them.
    contact.clean_fields(exclude=["date", "project", "organisation", "site", "card", "created_by", "client_id",
                                  "referral_service"])

    def save():
        with transaction.atomic():
            contact.save()
            if topics:
                ContactTopic.objects.bulk_create(
                    ContactTopic(contact=contact, topic=t, project_id=project.pk, date=contact.date)
                    for t in set(topics)
                )
            # One insert for the staff present (staff.add() would first read the links back).
            Staff = OutreachContact.staff.through
            Staff.objects.bulk_create(Staff(outreachcontact_id=contact.pk, user_id=pk) for pk in content["staff"])
        return contact

    return _save_once(OutreachContact, save, **once)


def _visit_content(visit: HealthRoomVisit) -> dict:
    return {"at": visit.at, "uses": {u for u in HealthRoomVisit.USES if getattr(visit, u)},
            "card_code": visit.card.code if visit.card_id else ""}


def record_health_visit(
    *, project, by, at: datetime | None = None, uses=(), card_code: str = "", may_backdate: bool = False,
    client_id: UUID | None = None, client_id_is_new: bool = False,
) -> HealthRoomVisit:
    """Save one health-room visit; with a `client_id`, once (as log_contact)."""
    at = at or timezone.now()
    uses = set(uses)
    once = {"client_id": client_id, "project": project, "by": by, "stored_content": _visit_content,
            "content": {"at": at, "uses": uses, "card_code": _card_code_content(card_code)}}
    existing = None if client_id_is_new else _repeat_of(HealthRoomVisit, **once)
    if existing is not None:
        return existing
    check_when(at, may_backdate=may_backdate)
    unknown = uses - set(HealthRoomVisit.USES)
    if unknown:
        raise ValidationError({"uses": _("Unknown use of the health room.")})
    if not uses:
        raise ValidationError({"uses": _("Choose at least one thing that was used.")})
    visit = HealthRoomVisit(project=project, created_by=by, at=at, date=timezone.localdate(at),
                            card=_card(project, card_code), client_id=client_id, **dict.fromkeys(uses, True))

    def save():
        with transaction.atomic():
            visit.save()
        return visit

    return _save_once(HealthRoomVisit, save, **once)


def _activity_content(activity: GroupActivity) -> dict:
    return {"kind": activity.kind, "date": activity.date, "place": activity.place,
            "organiser": activity.organiser_id, "topic": activity.topic, "attendance": activity.attendance,
            "courses": set(activity.courses.values_list("pk", flat=True))}


def record_activity(
    *, project, by, kind: str, on: date, place: str, organiser, topic: str, attendance: int, courses=(),
    may_backdate: bool = False, client_id: UUID | None = None, client_id_is_new: bool = False,
) -> GroupActivity:
    """Save one group activity with its attendance; with a `client_id`, once (as log_contact)."""
    courses = list(courses)
    once = {"client_id": client_id, "project": project, "by": by, "stored_content": _activity_content,
            "content": {"kind": kind, "date": on, "place": place, "organiser": organiser.pk, "topic": topic,
                        "attendance": attendance, "courses": {c.pk for c in courses}}}
    existing = None if client_id_is_new else _repeat_of(GroupActivity, **once)
    if existing is not None:
        return existing
    check_when(on, may_backdate=may_backdate, field="date")
    if any(c.project_id != project.pk for c in courses):
        raise ValidationError({"courses": _("A course is not in this project.")})
    if len(courses) > attendance:
        raise ValidationError({"attendance": _("The attendance cannot be lower than the number of linked courses.")})
    activity = GroupActivity(project=project, created_by=by, kind=kind, date=on, place=place, organiser=organiser,
                             topic=topic, attendance=attendance, client_id=client_id)
    # The unique client id is left to the database (and answered by _save_once).
    activity.full_clean(exclude=["project", "organiser", "client_id"])

    def save():
        with transaction.atomic():
            activity.save()
            if courses:
                activity.courses.add(*courses)
        return activity

    return _save_once(GroupActivity, save, **once)


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
