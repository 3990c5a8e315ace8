"""The WHO-5 in each language: the official Danish and English wording, putting it back when its
rows are missing, adding a further official translation, and which language a page uses.

The official wording (Psychiatric Centre North Zealand): Danish as in the national evaluation (VIVE 2024, section 5.3) and KL's FHIR profile;
English as the WHO-5 (1998 version). Answers are listed from 0 ("at no time") to 5.
Never edit a wording: a changed wording may not be presented as WHO-5. Further official
translations are added as data (`manage.py who5_language`, `save_who5_language`), not here.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from brobygger.text import clean_control_characters

from .models import ANSWER_MAX, ITEM_COUNT, Who5Language

OFFICIAL_WORDING = [
    {
        "code": "da",
        "name": "Dansk",
        "order": 1,
        "intro": "Her er fem udsagn om, hvordan du har haft det de sidste 2 uger. "
        "Vælg for hvert udsagn det svar, der passer bedst.",
        "lead": "I de sidste 2 uger …",
        "items": [
            "har jeg været glad og i godt humør",
            "har jeg følt mig rolig og afslappet",
            "har jeg følt mig aktiv og energisk",
            "er jeg vågnet frisk og udhvilet",
            "har min dagligdag været fyldt med ting der interesserer mig",
        ],
        "answers": [
            "På intet tidspunkt",
            "Lidt af tiden",
            "Lidt mindre end halvdelen af tiden",
            "Lidt mere end halvdelen af tiden",
            "Det meste af tiden",
            "Hele tiden",
        ],
    },
    {
        "code": "en",
        "name": "English",
        "order": 2,
        "intro": "Please indicate for each of the five statements which is closest to how you have been "
        "feeling over the last two weeks.",
        "lead": "Over the last two weeks …",
        "items": [
            "I have felt cheerful and in good spirits",
            "I have felt calm and relaxed",
            "I have felt active and vigorous",
            "I woke up feeling fresh and rested",
            "My daily life has been filled with things that interest me",
        ],
        "answers": [
            "At no time",
            "Some of the time",
            "Less than half of the time",
            "More than half of the time",
            "Most of the time",
            "All of the time",
        ],
    },
]


def ensure_official_wording() -> None:
    """Put the official Danish and English rows back if they are missing (the data migration
    adds them; a flushed test database or a restored dump may not have them)."""
    for row in OFFICIAL_WORDING:
        if not Who5Language.objects.filter(code=row["code"]).exists():
            Who5Language.objects.create(**row)


def offered_language(code: str | None) -> Who5Language:
    """The language a WHO-5 page shows: `code` if it is offered, else Danish, else any offered one."""
    languages = {lang.code: lang for lang in Who5Language.objects.filter(active=True)}
    if not languages:
        ensure_official_wording()
        languages = {lang.code: lang for lang in Who5Language.objects.filter(active=True)}
    return languages.get(code or "") or languages.get("da") or next(iter(languages.values()))


def check_language(language: str) -> str:
    """`language` if the WHO-5 exists in it (offered or not), else a ValidationError: an answer is
    saved only in a language whose wording is known."""
    if not Who5Language.objects.filter(code=language).exists():
        if not Who5Language.objects.exists():  # no wording at all (a restored dump): put it back, look again
            ensure_official_wording()
            if Who5Language.objects.filter(code=language).exists():
                return language
        raise ValidationError(_("WHO-5 is not available in that language."), code="language")
    return language


LANGUAGE_FIELDS = ("code", "name", "intro", "lead", "items", "answers")


def save_who5_language(*, data: dict, dry_run: bool = False) -> tuple[Who5Language, bool]:
    """Add or update the WHO-5 in one language (an official translation) from plain data."""
    missing = [f for f in LANGUAGE_FIELDS if not data.get(f)]
    if missing:
        raise ValidationError(f"missing: {', '.join(missing)}")
    items, answers = data["items"], data["answers"]
    if not (isinstance(items, list) and len(items) == ITEM_COUNT and all(isinstance(i, str) and i for i in items)):
        raise ValidationError(f"items must be a list of {ITEM_COUNT} statements")
    if not (isinstance(answers, list) and len(answers) == ANSWER_MAX + 1 and all(isinstance(a, str) and a for a in answers)):
        raise ValidationError(f"answers must be a list of {ANSWER_MAX + 1} answers, from 0 to {ANSWER_MAX}")
    # Control characters out (a line break pasted from Word, an ESC): the citizen's page shows these texts.
    values = {f: clean_control_characters(data[f]) if isinstance(data[f], str) else
              [clean_control_characters(text) for text in data[f]] for f in LANGUAGE_FIELDS if f != "code"}
    values.update(active=bool(data.get("active", True)), order=int(data.get("order", 10)))
    existing = Who5Language.objects.filter(code=data["code"]).first()
    if dry_run:
        return existing or Who5Language(code=data["code"], **values), existing is None
    language, created = Who5Language.objects.update_or_create(code=data["code"], defaults=values)
    return language, created
