"""Every text field of every form: the identity check (issue 14.5) and no control characters (14.2).

Two halves. The attack, replayed through the pages: a CPR number in a catalogue, site,
budget, organisation, directory or user name is refused; Word's line break, ESC and BEL in
a name never reach the database. And the guard: every form class of the project checks its
text fields, so a field added tomorrow cannot be forgotten.
"""

import importlib
import inspect
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.models import User
from brobygger.forms import TextSafeFormMixin, is_text_field
from brobygger.identity import KINDS, check_no_cpr, check_no_identity
from budget.models import BudgetLine, Initiative
from directory.models import Service
from projects.models import Intervention, Organisation, Site

CPRS = ["010190 - 1234", "010190\u20131234", "01.01.90-1234"]


def errors(response):
    return response.context["form"].errors


def initiative_url(world, name, **extra):
    return reverse(name, kwargs={"slug": world.project.slug, "number": world.initiative.number, **extra})


# (role, url, form data, field that carries the text, how to find what a wrong save stored)
def pages(world):
    slug = {"slug": world.project.slug}
    service = {"name": "Sociolancen", "provider": "Københavns Kommune", "kind": "health",
               "offers": "Hjælp på gaden.", "audiences": ["everyone"], "contact": "Ring 70 10 20 30",
               "is_public": "on", "active": "on"}
    return [
        ("coordinator", reverse("intervention_create", kwargs=slug), {"name": "Samtale", "active": "on"},
         "name", lambda: Intervention.objects.filter(project=world.project).values_list("name", flat=True)),
        ("coordinator", reverse("site_create", kwargs=slug), {"name": "Reden", "active": "on"},
         "name", lambda: Site.objects.filter(project=world.project).values_list("name", flat=True)),
        ("coordinator", reverse("initiative_create", kwargs=slug),
         {"name": "Gadeplan", "start_date": "2026-01-01", "end_date": "2026-12-31"},
         "name", lambda: Initiative.objects.values_list("name", flat=True)),
        ("coordinator", initiative_url(world, "budget_line_create"),
         {"text": "Ladcykel", "committee": "BIU", "account": "35.10", "finance_account": "3510-4999",
          "kind": "service", "year": "2026", "amount": "12.500"},
         "text", lambda: BudgetLine.objects.values_list("text", flat=True)),
        ("administrator", reverse("organisation_create"), {"name": "Kirkens Korshær", "kind": "ngo"},
         "name", lambda: Organisation.objects.values_list("name", flat=True)),
        ("coordinator", reverse("directory_service_create"), service,
         "name", lambda: Service.objects.values_list("name", flat=True)),
        ("coordinator", reverse("directory_service_create"), {**service, "name": "Sundhedsrummet"},
         "contact", lambda: Service.objects.values_list("contact", flat=True)),
        ("administrator", reverse("user_create"),
         {"username": "nina", "first_name": "Nina", "password": "en lang god adgangskode", "is_active": "on"},
         "first_name", lambda: User.objects.values_list("first_name", flat=True)),
        ("administrator", reverse("user_create"),
         {"username": "nina", "first_name": "Nina", "password": "en lang god adgangskode", "is_active": "on"},
         "username", lambda: User.objects.values_list("username", flat=True)),
    ]


PAGE_IDS = ["catalogue", "site", "initiative", "budget line", "organisation", "service name", "service contact",
            "first name", "username"]


@pytest.mark.parametrize("index", range(len(PAGE_IDS)), ids=PAGE_IDS)
@pytest.mark.parametrize("cpr", CPRS)
def test_a_cpr_number_is_refused_in_every_name_and_stored_nowhere(client_as, world, index, cpr):
    role, url, data, field, stored = pages(world)[index]
    value = cpr if field == "username" else f"{data[field]} {cpr}"
    response = client_as(role).post(url, {**data, field: value})
    assert response.status_code == 200
    assert [e.code for e in errors(response).as_data()[field]] == ["identity"]
    assert not any("1234" in str(v) for v in stored())


# A user name is left out: Django allows no space in it, so Word's line break there is refused.
@pytest.mark.parametrize("index", range(len(PAGE_IDS) - 1), ids=PAGE_IDS[:-1])
def test_control_characters_in_every_name_are_taken_out_before_saving(client_as, world, index):
    role, url, data, field, stored = pages(world)[index]
    typed = data[field]
    response = client_as(role).post(url, {**data, field: f"{typed[:2]}\x0b{typed[2:]}\x1b\x07"})
    assert response.status_code == 302, errors(response)
    assert f"{typed[:2]} {typed[2:]}" in stored()


def test_a_user_name_with_control_characters_is_refused(client_as, world):
    response = client_as("administrator").post(reverse("user_create"), {
        "username": "ni\x07na", "password": "en lang god adgangskode", "is_active": "on"})
    assert response.status_code == 302
    assert User.objects.filter(username="nina").exists()
    response = client_as("administrator").post(reverse("user_create"), {
        "username": "ni\x0bna2", "password": "en lang god adgangskode", "is_active": "on"})
    assert response.status_code == 200
    assert not User.objects.filter(username__startswith="ni\x0b").exists()


def test_a_text_area_keeps_words_line_break_as_a_line_break_and_drops_escapes(client_as, world):
    response = client_as("coordinator").post(reverse("initiative_create", kwargs={"slug": world.project.slug}), {
        "name": "Gadeplan", "start_date": "2026-01-01", "end_date": "2026-12-31",
        "description": "To årsværk\x0bog en ladcykel\x1b[31m\x07\tfra maj",
    })
    assert response.status_code == 302
    assert Initiative.objects.get(name="Gadeplan").description == "To årsværk\nog en ladcykel[31m\tfra maj"


def test_a_service_may_give_its_own_phone_and_e_mail_but_no_cpr_number(client_as, world):
    client = client_as("coordinator")
    service = {"name": "Sociolancen", "provider": "Københavns Kommune", "kind": "health", "offers": "Hjælp.",
               "audiences": ["everyone"], "is_public": "on", "active": "on"}
    response = client.post(reverse("directory_service_create"),
                           {**service, "contact": "Ring 70 10 20 30 eller skriv til sociolancen@kk.dk"})
    assert response.status_code == 302
    assert Service.objects.get(name="Sociolancen").contact == "Ring 70 10 20 30 eller skriv til sociolancen@kk.dk"


def test_an_amount_of_eight_digits_is_an_amount_not_a_phone_number(client_as, world):
    response = client_as("coordinator").post(initiative_url(world, "budget_line_create"), {
        "text": "Drift", "committee": "BIU", "account": "35.10", "finance_account": "3510-4999", "kind": "service",
        "year": "2026", "amount": "12345678",
    })
    assert response.status_code == 302
    assert BudgetLine.objects.get(text="Drift").amount == Decimal("12345678")


def test_a_cpr_number_as_outreach_card_code_is_marked_as_a_cpr_number(client_as, world):
    from django.utils import timezone

    response = client_as("outreach").post(reverse("outreach_log", args=[world.project.slug]), {
        "site": world.site.pk, "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "card_code": "010190-1234"})
    assert response.status_code == 200
    assert [e.code for e in errors(response).as_data()["card_code"]] == ["identity"]


# The guard: every form of the project.

def project_form_classes():
    classes = {}
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR):
            continue  # Django's and other packages' apps
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                classes[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return classes


# Every allowance a form declares, exactly (form -> field -> the kinds it may hold); every other
# text field of every form refuses all three kinds. A CPR number is allowed only where nothing is
# stored or the value is parsed into something else: then the field declares all three kinds.
ALL = set(KINDS)
IDENTITY_ALLOWS = {
    "accounts.forms.UserForm": {"email": {"email"}, "username": {"email"}},
    "audit.forms.AuditFilterForm": {"user": {"email"}},
    "budget.forms.BudgetLineForm": {"amount": ALL},
    "budget.forms.SpendingForm": {"amount": ALL},
    "directory.forms.ServiceForm": {"contact": {"phone", "email"}, "website": {"phone", "email"}},
    "knowledge.forms.AdvisorForm": {"work_email": {"email"}, "work_phone": {"phone"}},
    "signin.forms.CodeForm": {"code": ALL},
    "signin.forms.EnrolForm": {"code": ALL},
}

# Forms that are not ours to guard, and why.
NOT_GUARDED = {
    # Django's sign-in form: the user name is compared, never stored by this form; what the lockout
    # tables keep of a typed user name is issue 14.7's (sign-in).
    "signin.forms.PasswordForm",
}
FORMS = project_form_classes()


def test_the_walk_finds_the_forms_of_every_app():
    apps_with_forms = {name.split(".")[0] for name in FORMS}
    assert apps_with_forms == {"accounts", "audit", "brobygger", "budget", "courses", "directory", "exchange", "exports", "knowledge",
                               "outcomes", "outreach", "projects", "reports", "rights", "signin", "wellbeing"}
    assert "directory.forms.ServiceForm" in FORMS and "accounts.forms.UserForm" in FORMS
    assert set(IDENTITY_ALLOWS) <= set(FORMS) - NOT_GUARDED  # no allowance kept for a form that is gone


@pytest.mark.parametrize("name", sorted(set(FORMS) - NOT_GUARDED))
def test_every_form_guards_its_text_fields(name):
    form_class = FORMS[name]
    assert issubclass(form_class, TextSafeFormMixin), f"{name} does not use brobygger.forms.Form/ModelForm"
    allows = form_class.identity_allows
    assert {field_name: set(kinds) for field_name, kinds in allows.items()} == IDENTITY_ALLOWS.get(name, {})
    for field_name in allows:
        assert field_name in form_class.base_fields, f"{name}.identity_allows names no field {field_name}"
    # Bound to empty data, as a page's POST would be; the fields' own checks are then those it gets.
    form = object.__new__(form_class)
    form.fields = {k: f.__deepcopy__({}) for k, f in form_class.base_fields.items()}
    form.is_bound, form.prefix = False, None
    text_fields = TextSafeFormMixin.guard_text_fields(form)
    for field_name in text_fields:
        field = form.fields[field_name]
        checked = [v for v in field.validators if v is check_no_identity or getattr(v, "func", None) is check_no_identity]
        if set(allows.get(field_name, ())) == set(KINDS):
            continue
        assert checked, f"{name}.{field_name} is a text field without the identity check"


def test_a_text_field_is_found_whatever_its_class_and_a_password_is_not():
    assert is_text_field(forms.CharField())
    assert is_text_field(forms.SlugField())
    assert is_text_field(forms.EmailField())
    assert is_text_field(forms.CharField(widget=forms.Textarea))
    assert not is_text_field(forms.CharField(widget=forms.PasswordInput))
    assert not is_text_field(forms.IntegerField())
    assert not is_text_field(forms.ChoiceField())


# The same guard one floor down, for what reaches the database without a form of ours (the
# import, management commands): every text column people write refuses identity in the model.
# Text that no person types freely, and why.
MODEL_TEXT_NOT_CHECKED = {
    # Staff users (Django's own fields): their forms check them (accounts.forms.UserForm).
    "accounts.User.password", "accounts.User.username", "accounts.User.first_name", "accounts.User.last_name",
    "accounts.User.email",
    # Letters A-Z only, checked by the project form and the import.
    "projects.Project.code_prefix",
    # The questionnaire's own wording and language code, set by the who5_language command.
    "wellbeing.Who5Language.code", "wellbeing.Who5Language.name", "wellbeing.Who5Language.intro",
    "wellbeing.Who5Language.lead", "wellbeing.Who5Response.language",
    # Written by Brobygger itself: generated codes, hashes, secrets, file names, result lines, log rows.
    "outreach.Card.code", "exchange.ImportUpload.filename", "exchange.ImportUpload.summary",
    "budget.FinanceImport.filename", "budget.FinanceImport.file_hash", "budget.SpendingEntry.row_hash",
    "budget.GoalIndicator.key", "signin.TOTPDevice.encrypted_secret", "signin.RecoveryCode.code_hash",
    "signin.SignInSession.session_key", "signin.SignInThrottle.ip", "signin.SignInThrottle.name_hash",
    "rights.RetainedCount.category",
    "exports.ExportRequest.requested_by_name", "exports.ExportRequest.approved_by_name",  # staff user names
    "exports.ExportRequest.sha256", "exports.ExportRequest.filename", "exports.ExportRequest.content_type",
    "knowledge.Advisor.work_email",  # an EmailField: a staff member's work address
}
LOG_APPS = {"audit"}  # the access and change logs: written by the log, which keeps identity out (audit/log.py)


def project_text_columns():
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR) or config.label in LOG_APPS:
            continue
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField) and not field.choices and field.editable:
                    yield f"{config.label}.{model.__name__}.{field.name}", field


def test_every_text_column_people_write_refuses_identity():
    unchecked = [name for name, field in project_text_columns()
                 if name not in MODEL_TEXT_NOT_CHECKED
                 and check_no_identity not in field.validators and check_no_cpr not in field.validators]
    assert unchecked == [], (
        "Give these columns validators=[check_no_identity] (or check_no_cpr), or, if no person types "
        "them, add them to MODEL_TEXT_NOT_CHECKED with the reason")


def test_the_list_of_unchecked_columns_names_only_columns_that_exist():
    names = {name for name, _field in project_text_columns()}
    assert MODEL_TEXT_NOT_CHECKED - names == set()


@pytest.mark.django_db
def test_a_cpr_number_in_a_directory_file_or_a_new_project_is_refused():
    from django.core.exceptions import ValidationError

    from directory.services import load_services
    from projects.services import create_project

    with pytest.raises(ValidationError):
        load_services([{"name": "Sundhedsrummet 010190 - 1234", "provider": "Kommunen", "offers": "Hjælp."}])
    with pytest.raises(ValidationError):
        create_project(slug="ny", name="Exit 01.01.90-1234")
    assert not Service.objects.filter(name__contains="1234").exists()


# The paths without a form: control characters out there too (issue 14.2).

@pytest.mark.django_db
def test_a_directory_file_loses_control_characters_and_keeps_the_line_breaks_of_what_is_offered():
    from directory.services import load_services

    load_services([{"name": "Sundheds\x0brummet\x1b", "provider": "Kommunen\x07", "offers": "Sår\x0bog fødder"}])
    service = Service.objects.get()
    assert (service.name, service.provider, service.offers) == ("Sundheds rummet", "Kommunen", "Sår\nog fødder")


def test_the_finance_file_stores_its_text_without_control_characters_and_is_still_known_the_next_time(world):
    from budget import spending
    from budget.models import SpendingEntry

    data = "dato;konto;beløb;tekst\n31-05-2026;3510-4201;45000;Lad\x0bcykel\x1b\n".encode()

    def run():
        return spending.import_finance_csv(initiative=world.initiative, filename="f.csv", data=data,
                                           by=world.users["coordinator"])

    run()
    assert list(SpendingEntry.objects.values_list("text", flat=True)) == ["Lad cykel"]
    assert run().rows_added == 0
    assert SpendingEntry.objects.count() == 1


@pytest.mark.django_db
def test_a_new_projects_organisation_named_with_a_cpr_number_is_refused():
    from django.core.exceptions import ValidationError

    from projects.services import create_project

    with pytest.raises(ValidationError):
        create_project(slug="ny", name="Exit Vejle", organisation="Vejle 010190 - 1234")
    assert not Organisation.objects.filter(name__contains="1234").exists()


def test_an_id_made_of_digits_is_no_phone_number():
    """A phone-made record id (a UUID) can be all digits in places: it is an id, not text."""
    from brobygger.forms import Form

    class WithId(Form):
        client_id = forms.UUIDField()

    assert not is_text_field(forms.UUIDField())
    assert WithId({"client_id": "20241234-5678-4123-8123-010190123456"}).is_valid()


def test_a_form_declares_what_a_free_text_field_may_hold_as_for_any_text_field():
    from brobygger.forms import Form, FreeTextField

    class Contact(Form):
        identity_allows = {"phone": ("phone",)}
        phone = FreeTextField()
        note = FreeTextField()

    form = Contact({"phone": "tlf 12 34 56 78", "note": "tlf 12 34 56 78"})
    assert not form.is_valid()
    assert list(form.errors) == ["note"]
    assert [e.code for e in form.errors.as_data()["note"]] == ["identity"]
