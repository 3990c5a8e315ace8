"""The learner role has one Danish name, "Kursist", wherever the English says "learner"."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def test_every_danish_text_about_the_learner_calls_them_kursist():
    wrong = []
    for po_file in ROOT.glob("*/locale/da/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_file)):
            if "learner" in entry.msgid.lower() and "kursist" not in entry.msgstr.lower():
                wrong.append(f"{po_file.parent.parent.parent.parent.name}: {entry.msgid} -> {entry.msgstr}")
    assert not wrong, wrong
