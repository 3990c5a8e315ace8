"""The official WHO-5 wording in Danish and English (wellbeing/wording.py)."""

from django.db import migrations

from wellbeing.wording import OFFICIAL_WORDING as WORDING


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
