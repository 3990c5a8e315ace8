"""Benchmark of the free-text identity check (issue 18: speed belongs here, not in the tests).

    .venv/bin/python bench/identity_bench.py [--random 2000] [--seed 18]

Prints, for each long pathological text (the inputs that make a naive pattern quadratic), its
length, the best of three times of `identity_kinds` on it and on its first tenth, and the ratio of
the two: about 10 for a check linear in the text, about 100 for a quadratic one. Then the median
and the slowest of --random texts of up to 2,000 random characters. Nothing is judged here; the
figures are printed as measured. (These timings were asserted in brobygger/tests/test_identity.py
until issue 18; the tests keep what the check finds in the same texts.)
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brobygger.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from brobygger.identity import identity_kinds  # noqa: E402

PATHOLOGICAL = {
    "a long word, no @ (quadratic for a naive e-mail pattern)": "a" * 100_000,
    "a. repeated, then @": "a." * 50_000 + "@",
    "a@ repeated": "a@" * 50_000,
    "a@ and a long domain": "a@" + "b" * 100_000,
    "1 repeated": "1 " * 50_000,
    "+1 repeated": "+1" * 50_000,
    "12 repeated": "12 " * 35_000,
    "x- repeated, then @": "x-" * 50_000 + "@",
    "dates (issue 14.5)": "01.01.90 " * 20_000,
    "digits and en dashes": "1\u2013" * 50_000,
    "tlf and a digit": "tlf 1 " * 20_000,
    "+45 repeated": "+45 " * 25_000,
    "amounts": "12 500 " * 20_000,
}


def best_of_three(text):
    times = []
    for _ in range(3):
        started = time.perf_counter()
        identity_kinds(text)
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--random", type=int, default=2000, help="how many random texts")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()

    print(f"{'text':58} {'chars':>8} {'seconds':>8} {'a tenth':>8} {'ratio':>6}")
    for name, text in PATHOLOGICAL.items():
        seconds, tenth = best_of_three(text), best_of_three(text[: len(text) // 10])
        print(f"{name:58} {len(text):8} {seconds:8.3f} {tenth:8.4f} {seconds / tenth:6.1f}")

    # Any character at all, as hypothesis drew them in the test this replaces (st.text(max_size=2000)).
    rng = random.Random(args.seed)
    alphabet = [chr(c) for c in range(32, 0x2200)] + ["\n", "\t"]
    times = []
    for _ in range(args.random):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 2000)))
        started = time.perf_counter()
        identity_kinds(text)
        times.append(time.perf_counter() - started)
    print(f"{args.random} random texts of up to 2,000 characters: median {statistics.median(times) * 1000:.3f} ms, "
          f"slowest {max(times) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
