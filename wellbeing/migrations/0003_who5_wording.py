"""The official WHO-5 wording in Danish and English (Psychiatric Centre North Zealand).

Danish as in the national evaluation (VIVE 2024, section 5.3) and KL's FHIR profile;
English as the WHO-5 (1998 version). Answers are listed from 0 ("at no time") to 5.
"""

from django.db import migrations

WORDING = [
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


def add_wording(apps, schema_editor):
    Who5Language = apps.get_model("wellbeing", "Who5Language")
    for row in WORDING:
        Who5Language.objects.update_or_create(code=row["code"], defaults=row)


def remove_wording(apps, schema_editor):
    apps.get_model("wellbeing", "Who5Language").objects.filter(code__in=[r["code"] for r in WORDING]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wellbeing", "0002_invitations_languages"),
    ]

    operations = [migrations.RunPython(add_wording, remove_wording)]
