"""How fast hostile workbooks are refused (issue 14 point 3: "well under 10 s"); not a test.

    python bench/hostile_workbooks.py

Builds each hostile file with the tests' generators and times `read_registrations` on it (what
the web form, the preview and `import_registrations` all call), then, for scale, an honest
workbook of 10,000 citizens read in full.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brobygger.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from exchange import formats  # noqa: E402
from exchange.tests import hostile  # noqa: E402

CASES = [
    ("full grid declared, one row at 1,048,576", hostile.full_grid),
    ("one row at 1,048,576, no size declared", hostile.bottom_row),
    ("cells in column XFD", hostile.far_column),
    ("20 MB of one letter (packs ~1000x)", lambda: hostile.tightly_packed(20)),
    ("110 MB of noise (packs ~7x)", lambda: hostile.noisy(110)),
    ("100,001 honest rows", lambda: hostile.many_rows(formats.MAX_ROWS + 1)),
]


def timed(data):
    start = time.perf_counter()
    try:
        parsed = formats.read_registrations(data, time_limit=formats.WEB_TIME_LIMIT)
        outcome = f"read, {len(parsed.rows)} rows, {len(parsed.problems)} problems"
    except formats.UnreadableFile as error:
        outcome = f"refused: {error}"
    return time.perf_counter() - start, outcome


if __name__ == "__main__":
    for label, make in CASES:
        data = make()
        seconds, outcome = timed(data)
        print(f"{label:45} {len(data) / 1024:9.1f} KB {seconds:6.2f} s  {outcome}")
    data = hostile.many_rows(10_000)
    seconds, outcome = timed(data)
    print(f"{'10,000 honest rows (for scale)':45} {len(data) / 1024:9.1f} KB {seconds:6.2f} s  {outcome}")
