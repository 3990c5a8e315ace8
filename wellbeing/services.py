"""Writes on WHO-5: the one-time link's life cycle (made, looked up, claimed with the citizen's own answer,
withdrawn), an answer taken with a worker, and answers imported many at once. The wording in each
language: wording.py."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Course

from .models import ANSWER_MAX, ITEM_COUNT, Who5Invitation, Who5Response, hash_token, is_token_shaped, who5_score
from .wording import check_language

INVITATION_DAYS = 14


def _check_answers(answers) -> list[int]:
    if len(answers) != ITEM_COUNT or any(not isinstance(a, int) or not 0 <= a <= ANSWER_MAX for a in answers):
        raise ValidationError(_("Answer each of the five statements with a value from 0 to 5."), code="answers")
    return list(answers)


def check_open(course) -> None:
    """No WHO-5 measurement is taken on an ended course, by a worker or through a link: the schedule
    ends with the course. The one place of the rule; the pages show its message. Answers imported
    from elsewhere are history and may belong to a course that has ended since (add_imported_answers)."""
    if not course.is_open:
        raise ValidationError(_("The course has ended: no more WHO-5 measurements are taken."), code="course_ended")


def create_invitation(*, course, by, now: datetime | None = None) -> tuple[Who5Invitation, str]:
    """A new one-time link for `course` (an open one: check_open). Returns the invitation and the
    token, which is not stored: show it now (as a link and QR code) or never."""
    check_open(course)
    now = now or timezone.now()
    token = Who5Invitation.new_token()
    invitation = Who5Invitation.objects.create(
        course=course, token_hash=hash_token(token), created_by=by, expires_at=now + timedelta(days=INVITATION_DAYS)
    )
    return invitation, token


def usable_invitation(token: str, now: datetime | None = None) -> Who5Invitation | None:
    """The invitation for `token` if it can still be answered; None if unknown, used or expired
    (the caller shows the same page for all three)."""
    now = now or timezone.now()
    if not is_token_shaped(token):
        return None
    invitation = (
        Who5Invitation.objects.filter(token_hash=hash_token(token)).select_related("course", "course__project").first()
    )
    if invitation is None or not invitation.matches(token):
        return None
    if invitation.used_at is not None or invitation.expires_at <= now or not invitation.course.is_open:
        return None
    return invitation


class InvitationUsed(Exception):
    """The invitation was used (or expired) before this answer arrived."""


def submit_who5(*, invitation: Who5Invitation, answers, language: str, now: datetime | None = None) -> Who5Response:
    """The citizen's own answer through an invitation. Marks the invitation used in the same
    transaction, so a double submission stores one answer (the second raises InvitationUsed)."""
    now = now or timezone.now()
    answers = _check_answers(answers)
    check_language(language)
    with transaction.atomic():
        # Claimed only while its course is open (check_open's rule, here inside the conditional UPDATE):
        # a course ended after the page was shown takes no answer.
        claimed = (Who5Invitation.objects.open(now)
                   .filter(pk=invitation.pk, course__in=Course.objects.open()).update(used_at=now))
        if not claimed:
            raise InvitationUsed
        response = Who5Response.objects.create(
            course=invitation.course, answered_on=timezone.localdate(now), language=language,
            mode=Who5Response.Mode.ALONE, recorded_by=None,
            **_items(answers),
        )
        Who5Invitation.objects.filter(pk=invitation.pk).update(response=response)
    return response


def _items(answers) -> dict:
    """The five answers as the model's fields item1-item5."""
    return {f"item{i + 1}": a for i, a in enumerate(answers)}


def withdraw_invitation(*, invitation: Who5Invitation, now: datetime | None = None) -> None:
    """Stop an unused link from working (a card was lost, or given to the wrong person)."""
    now = now or timezone.now()
    Who5Invitation.objects.open(now).filter(pk=invitation.pk).update(expires_at=now)


def record_who5(*, course, answers, language: str, by, on: date,
                mode: str = Who5Response.Mode.WITH_WORKER) -> Who5Response:
    """An answer given with a worker (or imported): the worker records what the citizen answered.
    Refused on an ended course (check_open) unless imported."""
    if mode != Who5Response.Mode.IMPORTED:
        check_open(course)
    answers = _check_answers(answers)
    check_language(language)
    if on > timezone.localdate():
        raise ValidationError({"answered_on": _("The date cannot be in the future.")}, code="future")
    if on < course.start_date:
        raise ValidationError({"answered_on": _("The date cannot be before the course started.")}, code="early")
    return Who5Response.objects.create(
        course=course, answered_on=on, language=language, mode=mode, recorded_by=by, **_items(answers),
    )


# -- many at once: the import (exchange) stores answers given outside Brobygger with these ---------
BATCH = 2000


def add_imported_answers(*, rows: list[tuple[int, date, list[int]]], by=None) -> int:
    """Answers given outside Brobygger, many at once: (course id, date, the five answers 0-5), checked
    by the caller (the database refuses an answer outside 0-5); how many. Not refused on an ended
    course (check_open): they were given when they were, and the course may have ended since."""
    Who5Response.objects.bulk_create([
        Who5Response(course_id=course_id, answered_on=day, mode=Who5Response.Mode.IMPORTED, recorded_by=by,
                     score=who5_score(answers), **_items(answers))  # bulk_create runs no save(): the score here
        for course_id, day, answers in rows], batch_size=BATCH)
    return len(rows)


def change_imported_answers(*, changes: dict[int, list[int]]) -> int:
    """New answers for stored ones (an import that corrects them): answer id -> the five answers; how many."""
    Who5Response.objects.bulk_update(
        [Who5Response(pk=pk, score=who5_score(answers), **_items(answers)) for pk, answers in changes.items()],
        [*(f"item{i}" for i in range(1, ITEM_COUNT + 1)), "score"], batch_size=BATCH)
    return len(changes)
