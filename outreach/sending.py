"""What a worker saves: each kind of outreach record, the form that checks it and the service that saves it.

The pages' own forms and the phone's queue (views.sync) both go through these functions, so a
contact is checked the same way whether it is saved at once or sent later from the phone.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.access import visible_courses

from . import services
from .access import may_backdate
from .forms import ActivityForm, ContactForm, HealthVisitForm
from .models import GroupActivity, HealthRoomVisit, OutreachContact


def contact_form(request, project, data=None, **kwargs):
    return ContactForm(data, project=project, user=request.user, **kwargs)


def save_contact(request, project, membership, data, *, new_id=False) -> OutreachContact:
    return services.log_contact(
        project=project, organisation=membership.organisation, by=request.user, site=data["site"],
        at=data["at"], staff=data["staff"], topics=data["topics"],
        information_given="information_given" in data["outcomes"],
        appointment_booked="appointment_booked" in data["outcomes"],
        accompanied="accompanied" in data["outcomes"],
        referral_service=data["referral_service"], card_code=data["card_code"], age_band=data["age_band"],
        gender=data["gender"], note=data["note"], may_backdate=may_backdate(request.user, project),
        client_id=data.get("client_id"), client_id_is_new=new_id,
    )


def health_form(request, project, data=None):
    return HealthVisitForm(data)


def save_health_visit(request, project, membership, data, *, new_id=False):
    return services.record_health_visit(
        project=project, by=request.user, at=data["at"], uses=data["uses"], card_code=data["card_code"],
        may_backdate=may_backdate(request.user, project), client_id=data.get("client_id"), client_id_is_new=new_id,
    )


def activity_form(request, project, data=None):
    with_courses = any(m.can_see_courses for m in request.user.memberships_in(project))
    return ActivityForm(data, project=project, with_courses=with_courses)


def save_activity(request, project, membership, data, *, new_id=False):
    codes = data.get("course_codes", [])
    found = list(visible_courses(request.user).filter(project=project, code__in=codes)) if codes else []
    missing = sorted(set(codes) - {c.code for c in found})
    if missing:
        raise ValidationError({"course_codes": _("No course you can see has the id %(codes)s.") % {
            "codes": ", ".join(missing)}})
    return services.record_activity(
        project=project, by=request.user, kind=data["kind"], on=data["date"], place=data["place"],
        organiser=data["organiser"], topic=data["topic"], attendance=data["attendance"], courses=found,
        may_backdate=may_backdate(request.user, project), client_id=data.get("client_id"), client_id_is_new=new_id,
    )


CONFLICT = gettext_lazy(
    "Something different was already saved with this form's id. Nothing new was saved: check the fields and "
    "save again."
)


@dataclass(frozen=True)
class Kind:
    form: Any
    save: Any
    model: Any


# The kinds a phone's queue may hold; the key is what the page's form says in data-offline-kind.
KINDS = {
    "contact": Kind(contact_form, save_contact, OutreachContact),
    "health_visit": Kind(health_form, save_health_visit, HealthRoomVisit),
    "activity": Kind(activity_form, save_activity, GroupActivity),
}


def save_form(form, kind: str, request, project, membership, *, new_id=False):
    """Validate and save a bound form of `kind`; returns the record, or None with the refusal on the form
    (code "conflict" when its id is on a different record). `new_id`: no record has the form's id."""
    if not form.is_valid():
        return None
    try:
        return KINDS[kind].save(request, project, membership, form.cleaned_data, new_id=new_id)
    except ValidationError as error:
        form.add_error(None, error)
    except services.ClientIdConflict:
        form.add_error(None, ValidationError(CONFLICT, code="conflict"))
        # The form gets a new id, so the worker's next "Save" is a new record, not the same conflict again.
        form.data = form.data.copy()
        form.data[form.add_prefix("client_id")] = str(uuid.uuid4())
    return None


# The phone's queue (views.sync). Each item: {"id": uuid, "kind": one of KINDS, "project": slug,
# "user": the worker's id, "fields": {name: [values]}}, the form's fields as the page would have posted them.
SYNC_BATCH = 50


def _errors(form) -> list[dict]:
    return [
        {"field": name if name in form.fields else "", "label": str(form.fields[name].label) if name in form.fields
         else "", "message": str(message)}
        for name, messages in form.errors.items() for message in messages
    ]


def _identity_fields(form) -> list[str]:
    """Fields refused for identifying someone: the phone blanks them in its copy too."""
    return [name for name, errors in form.errors.as_data().items()
            if name in form.fields and any(e.code == "identity" for e in errors)]


def _stored_ids(items) -> set:
    """Which of the batch's ids are on a record already: one query per kind of record in the batch."""
    ids: dict[str, set] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("kind"), str) and item["kind"] in KINDS:
            try:
                ids.setdefault(item["kind"], set()).add(uuid.UUID(str(item.get("id"))))
            except ValueError:
                continue  # send_queued answers it as damaged
    stored = set()
    for kind, batch in ids.items():
        stored.update(KINDS[kind].model.objects.filter(client_id__in=batch).values_list("client_id", flat=True))
    return stored


def send_batch(request, items: list, *, on_saved=None) -> list[dict]:
    """A batch of the phone's queue, record by record (send_queued). The ids already stored are
    looked up for the whole batch at once, not one query per record; the projects once each."""
    projects, stored = {}, _stored_ids(items)
    return [send_queued(request, item, projects=projects, stored=stored, on_saved=on_saved) for item in items]


def send_queued(request, item, *, projects: dict, stored: set, on_saved=None) -> dict:
    """Save one queued record at most once and say how it went, with an HTTP status per record:
    201 saved now, 200 saved before (the stored record), 400 refused (the worker fixes it), 403 another
    worker's, 404 not the worker's project, 409 the id is on a different record (kept on the phone).
    `stored`: the batch's ids already on a record (_stored_ids)."""
    from django.http import Http404, QueryDict

    from .access import outreach_project

    item = item if isinstance(item, dict) else {}
    raw_id = item.get("id")
    try:
        client_id = uuid.UUID(str(raw_id))
    except ValueError:
        return {"id": raw_id, "status": 400, "errors": [{"message": _("The saved record is damaged and cannot be sent.")}]}
    result = {"id": str(client_id)}
    kind, fields = KINDS.get(item.get("kind")) if isinstance(item.get("kind"), str) else None, item.get("fields")
    if kind is None or not isinstance(fields, dict):
        return {**result, "status": 400, "errors": [{"message": _("The saved record is damaged and cannot be sent.")}]}
    if item.get("user") != request.user.pk:
        return {**result, "status": 403, "errors": [{"message": _(
            "Saved on this phone by another worker: it is sent when they sign in.")}]}
    slug = str(item.get("project", ""))
    if slug not in projects:
        try:
            projects[slug] = outreach_project(request, slug)
        except Http404:
            projects[slug] = None
    if projects[slug] is None:
        return {**result, "status": 404, "errors": [{"message": _("You cannot save outreach in this project.")}]}
    project, membership = projects[slug]
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(str(name), [str(v) for v in (values if isinstance(values, list) else [values])])
    data["client_id"] = str(client_id)
    form = kind.form(request, project, data)
    record = save_form(form, item["kind"], request, project, membership, new_id=client_id not in stored)
    if record is None and form.has_error(NON_FIELD_ERRORS, "conflict"):
        return {**result, "status": 409, "errors": [{"message": str(CONFLICT_QUEUED)}]}
    if record is None:
        return {**result, "status": 400, "errors": _errors(form), "blank": _identity_fields(form)}
    when = getattr(record, "at", None) or record.date
    result.update(status=200 if record.repeat else 201, record={"pk": record.pk, "when": when.isoformat()})
    if on_saved is not None:
        result["next"] = on_saved(project, item["kind"], record)
    return result


CONFLICT_QUEUED = gettext_lazy(
    "Something different is already saved with this record's id, so this one was not saved. Look at it and "
    "save it again as a new record, or delete it."
)
