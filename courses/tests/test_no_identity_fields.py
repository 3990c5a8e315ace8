"""No field of a citizen's course can hold who the citizen is, and free text is checked."""

import pytest
from django.apps import apps
from django.db import models

from brobygger.identity import check_no_identity

FORBIDDEN = ("name", "cpr", "address", "phone", "email", "e_mail", "photo", "picture", "image", "birth_date")
# The names of a catalogue entry (as recorded) and of a service referred to, not of the citizen.
ALLOWED = {("InterventionRecord", "name"), ("Referral", "service_name")}

COURSE_MODELS = list(apps.get_app_config("courses").get_models())


@pytest.mark.parametrize("model", COURSE_MODELS, ids=lambda m: m.__name__)
def test_no_field_is_for_identity(model):
    for field in model._meta.get_fields():
        if (model.__name__, field.name) in ALLOWED:
            continue
        assert not any(word in field.name.lower() for word in FORBIDDEN), f"{model.__name__}.{field.name}"
        assert not isinstance(field, models.FileField | models.BinaryField), f"{model.__name__}.{field.name}"


@pytest.mark.parametrize("model", [*COURSE_MODELS, *apps.get_app_config("projects").get_models()],
                         ids=lambda m: m.__name__)
def test_every_free_text_field_refuses_identity(model):
    for field in model._meta.concrete_fields:
        free_text = isinstance(field, models.CharField | models.TextField) and not field.choices
        if not free_text or not field.editable or field.name == "code_prefix":
            continue
        assert check_no_identity in field.validators, f"{model.__name__}.{field.name}"
