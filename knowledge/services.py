"""Writes in the knowledge app: learning modules, advisors and the network's meetings."""

import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import unit_of
from .models import (
    Action,
    Advisor,
    Answer,
    Attempt,
    Attendance,
    Module,
    NetworkMeeting,
    Question,
    Section,
    SectionImage,
)

# --- authoring ------------------------------------------------------------------------------


def add_section(*, module: Module, heading: str, body: str = "") -> Section:
    position = (module.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    section = Section(module=module, position=position, heading=heading, body=body)
    section.full_clean()
    section.save()
    return section


def inspect_image(data: bytes) -> tuple[str, int, int]:
    """(content type, width, height) of an uploaded image; refuses anything else and anything too big."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > SectionImage.MAX_BYTES:
        raise ValidationError(_("The image is too big: at most 2 MB."), code="too_big")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("The file is not an image (PNG, JPEG, GIF or WebP)."), code="not_image") from error
    if kind not in SectionImage.CONTENT_TYPES:
        raise ValidationError(_("The file is not an image (PNG, JPEG, GIF or WebP)."), code="not_image")
    return SectionImage.CONTENT_TYPES[kind], width, height


def add_image(*, section: Section, data: bytes, alt: str, caption: str = "") -> SectionImage:
    content_type, width, height = inspect_image(data)
    image = SectionImage(section=section, data=data, content_type=content_type, width=width, height=height,
                         alt=alt.strip(), caption=caption)
    image.full_clean()
    image.save()
    return image


def add_question(*, section: Section, kind: str, text: str, choices: str = "", correct=None,
                 explanation: str = "") -> Question:
    question = Question(section=section, kind=kind, text=text, choices=choices, correct=correct, explanation=explanation)
    question.full_clean()
    question.save()
    return question


def publishing_problems(module: Module) -> list[str]:
    """Why the module cannot be published yet; empty if it can."""
    problems = []
    sections = list(module.sections.prefetch_related("images", "questions"))
    if not sections:
        problems.append(_("The module has no sections."))
    for section in sections:
        if any(not image.alt.strip() for image in section.images.all()):
            problems.append(_("Section %(n)s has an image without alternative text.") % {"n": section.position})
        for question in section.questions.all():
            if question.kind == Question.Kind.CHOICE and len(question.choice_list) < 2:
                problems.append(_("A question in section %(n)s has fewer than two choices.") % {"n": section.position})
    return problems


def publish_module(*, module: Module) -> Module:
    problems = publishing_problems(module)
    if problems:
        raise ValidationError(problems)
    module.status = Module.Status.PUBLISHED
    module.save(update_fields=["status", "updated_at"])
    return module


def unpublish_module(*, module: Module) -> Module:
    module.status = Module.Status.DRAFT
    module.save(update_fields=["status", "updated_at"])
    return module


# --- taking a module -------------------------------------------------------------------------


def start_module(*, module: Module, user, rating_before: int) -> Attempt:
    if not module.is_published:
        raise ValidationError(_("The module is not published."))
    attempt = Attempt.objects.filter(module=module, user=user).first()
    if attempt:
        return attempt
    unit = unit_of(user)
    if unit is None:
        raise ValidationError(_("Only staff with a role can take modules."))
    attempt = Attempt(module=module, user=user, unit=unit, rating_before=rating_before)
    attempt.full_clean()
    attempt.save()
    return attempt


@transaction.atomic
def record_section(*, attempt: Attempt, section: Section, answers: dict) -> Attempt:
    """Save the learner's answers ({question: text or choice number}) and move their progress on."""
    for question, value in answers.items():
        fields = {"text": value, "choice": None} if question.kind == Question.Kind.REFLECTION else {
            "text": "", "choice": value}
        answer = Answer(attempt=attempt, question=question, **fields)
        answer.full_clean(validate_unique=False)
        Answer.objects.update_or_create(attempt=attempt, question=question, defaults=fields)
    if section.position > attempt.sections_done:
        attempt.sections_done = section.position
        attempt.save(update_fields=["sections_done"])
    return attempt


def finish_module(*, attempt: Attempt, rating_after: int, on=None) -> Attempt:
    total = attempt.module.sections.count()
    if attempt.sections_done < total:
        raise ValidationError(_("Some sections are not done yet."))
    attempt.rating_after = rating_after
    attempt.completed_at = attempt.completed_at or on or timezone.now()
    attempt.full_clean()
    attempt.save(update_fields=["rating_after", "completed_at"])
    return attempt


# --- advisors and the network -----------------------------------------------------------------


def save_advisor(*, advisor: Advisor | None = None, **fields) -> Advisor:
    advisor = advisor or Advisor()
    for name, value in fields.items():
        setattr(advisor, name, value)
    advisor.full_clean()
    advisor.save()
    return advisor


@transaction.atomic
def save_meeting(*, meeting: NetworkMeeting | None = None, by=None, attendance: dict | None = None,
                 **fields) -> NetworkMeeting:
    """Create or update a meeting; attendance is {organisation: people} (0 or None: not present)."""
    meeting = meeting or NetworkMeeting(created_by=by)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    if attendance is not None:
        meeting.attendance.all().delete()
        Attendance.objects.bulk_create([
            Attendance(meeting=meeting, organisation=org, people=people)
            for org, people in attendance.items() if people
        ])
    return meeting


def add_action(*, meeting: NetworkMeeting, text: str, owner: str, due: date) -> Action:
    action = Action(meeting=meeting, text=text, owner=owner, due=due)
    action.full_clean()
    action.save()
    return action


def close_action(*, action: Action, on: date | None = None) -> Action:
    action.closed_on = on or timezone.localdate()
    if action.closed_on < action.meeting.date:
        raise ValidationError(_("An action cannot be closed before the meeting that agreed it."))
    action.save(update_fields=["closed_on"])
    return action
