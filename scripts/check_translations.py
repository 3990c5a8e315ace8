"""Fails when a string in the code has no Danish translation (or a fuzzy one).

Runs makemessages into the real catalogues, reads them, then puts the catalogues back
as they were, so a check never changes the working tree. `make messages-update` is the
command that writes new strings into the catalogues for translating.
"""

import os
import shutil
import subprocess  # nosec B404  # runs our own manage.py, a developer tool
import sys
import tempfile
from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent
os.chdir(root)
app_dirs = sorted({p.parent for p in root.glob("*/apps.py") if p.parent.name != ".venv"})

backup = Path(tempfile.mkdtemp())
saved = {}
for app in app_dirs:
    po = app / "locale" / "da" / "LC_MESSAGES" / "django.po"
    if po.exists():
        saved[po] = backup / f"{app.name}.po"
        shutil.copy2(po, saved[po])
    (app / "locale").mkdir(exist_ok=True)

problems = []
try:
    subprocess.run(  # nosec B603  # a fixed argument list, no shell, no input
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-obsolete", "--no-location",
         "--ignore", ".venv/*", "--ignore", "staticfiles/*", "--ignore", "bench/*"],
        check=True, capture_output=True, env={**os.environ, "DEBUG": "1"},
    )
    for app in app_dirs:
        po_path = app / "locale" / "da" / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            continue
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            if not entry.translated() or "fuzzy" in entry.flags:
                problems.append(f"{app.name}: {entry.msgid!r}")
finally:
    for app in app_dirs:
        po = app / "locale" / "da" / "LC_MESSAGES" / "django.po"
        if po in saved:
            shutil.copy2(saved[po], po)
        elif po.exists():
            po.unlink()
        for leftover in (app / "locale" / "da" / "LC_MESSAGES", app / "locale" / "da", app / "locale"):
            if leftover.exists() and not any(leftover.iterdir()):
                leftover.rmdir()
    shutil.rmtree(backup)

if problems:
    print(f"{len(problems)} strings lack a Danish translation (run `make messages-update`, then translate):")
    print("\n".join(f"  {p}" for p in problems))
    sys.exit(1)
print("every string has a Danish translation")
