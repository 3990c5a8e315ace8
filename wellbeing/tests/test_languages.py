"""The instrument is data: a further official translation is added without code."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wellbeing import services
from wellbeing.models import Who5Language
from wellbeing.wording import ensure_official_wording, save_who5_language

pytestmark = pytest.mark.django_db

# Test data shaped like a translation; not checked against the official Romanian WHO-5.
ROMANIAN = {
    "code": "ro", "name": "Română", "order": 3,
    "intro": "Vă rugăm să indicați pentru fiecare dintre cele cinci afirmații care este cea mai apropiată de "
             "felul în care v-ați simțit în ultimele două săptămâni.",
    "lead": "În ultimele două săptămâni …",
    "items": ["M-am simțit bine dispus și vesel", "M-am simțit calm și relaxat", "M-am simțit activ și energic",
              "M-am trezit odihnit și proaspăt", "Viața mea de zi cu zi a fost plină de lucruri care mă interesează"],
    "answers": ["Niciodată", "O mică parte din timp", "Mai puțin de jumătate din timp",
                "Mai mult de jumătate din timp", "Majoritatea timpului", "Tot timpul"],
}


def test_danish_and_english_come_with_the_official_wording():
    # The data migration adds them; a test that flushed the database before this one (live
    # server, transactional tests) removed them, and the pages put them back the same way.
    ensure_official_wording()
    da, en = Who5Language.objects.get(code="da"), Who5Language.objects.get(code="en")
    assert da.items[0] == "har jeg været glad og i godt humør"
    assert da.answers[0] == "På intet tidspunkt" and da.answers[5] == "Hele tiden"
    assert en.items[4] == "My daily life has been filled with things that interest me"
    assert en.answers == ["At no time", "Some of the time", "Less than half of the time",
                          "More than half of the time", "Most of the time", "All of the time"]


def test_a_language_added_from_a_file_is_offered_to_the_citizen(tmp_path, client, world):
    path = tmp_path / "ro.json"
    path.write_text(json.dumps(ROMANIAN), encoding="utf-8")
    call_command("who5_language", str(path))
    _, token = services.create_invitation(course=world.course_a, by=None)
    body = client.get(reverse("who5_citizen", args=[token]) + "?lang=ro").content.decode()
    assert "M-am simțit calm și relaxat" in body and '<html lang="ro"' in body
    client.post(reverse("who5_citizen", args=[token]) + "?lang=ro",
                {"item1": "1", "item2": "1", "item3": "1", "item4": "1", "item5": "1", "language": "ro"})
    assert world.course_a.who5_responses.get().language == "ro"


def test_a_file_with_four_statements_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**ROMANIAN, "items": ROMANIAN["items"][:4]}), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("who5_language", str(path))
    assert not Who5Language.objects.filter(code="ro").exists()


def test_the_official_wording_comes_back_if_the_rows_are_missing(client, world):
    Who5Language.objects.all().delete()
    _, token = services.create_invitation(course=world.course_a, by=None)
    body = client.get(reverse("who5_citizen", args=[token])).content.decode()
    assert "har jeg følt mig rolig og afslappet" in body
    assert set(Who5Language.objects.values_list("code", flat=True)) == {"da", "en"}


def test_a_file_loses_its_control_characters_before_a_citizen_sees_them():
    """Issue 14.2: Word's line break or an ESC pasted into the file never reaches the citizen's page."""
    data = {**ROMANIAN, "lead": "În ultimele\x0bdouă săptămâni …\x1b",
            "items": ["M-am simțit\x07 bine", *ROMANIAN["items"][1:]], "answers": ["Niciodată\x0b", *ROMANIAN["answers"][1:]]}
    language, _created = save_who5_language(data=data)
    language.refresh_from_db()
    assert language.lead == "În ultimele două săptămâni …"
    assert language.items[0] == "M-am simțit bine"
    assert language.answers[0] == "Niciodată "
