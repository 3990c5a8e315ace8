"""The official WHO-5 wording in Danish and English (Psychiatric Centre North Zealand).

Danish as in the national evaluation (VIVE 2024, section 5.3) and KL's FHIR profile;
English as the WHO-5 (1998 version). Answers are listed from 0 ("at no time") to 5.
Never edit a wording: a changed wording may not be presented as WHO-5. Further official
translations are added as data (`manage.py who5_language`), not here.
"""

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
    from .models import Who5Language

    for row in OFFICIAL_WORDING:
        if not Who5Language.objects.filter(code=row["code"]).exists():
            Who5Language.objects.create(**row)
