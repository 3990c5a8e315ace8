"""Indicators that goals can be followed with, each computed live from one app's own data.

An app registers its indicators in AppConfig.ready(), e.g. outreach registers
"anonymous_people" (unique card codes in a period). The budget app lists them for
initiatives' goals and computes them; it never reaches into other apps' tables itself.

compute(project, start, end) -> number | None, counting what happened from start to end
(both dates included) in the project; None means "no data" (not zero).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # a lazy translation
    compute: Callable
    unit: str = ""  # e.g. "%" or "" for a count
    counts_people: bool = True  # False for counts of events (meetings held): small numbers identify no one
    # caveat(project, start, end) -> words to show beside the figure when it may not be exact, else "".
    caveat: Callable | None = None


_INDICATORS: dict[str, Indicator] = {}


def register(key: str, label, compute: Callable, unit: str = "", *, counts_people: bool = True,
             caveat: Callable | None = None) -> None:
    _INDICATORS[key] = Indicator(key, label, compute, unit, counts_people, caveat)


def get(key: str) -> Indicator | None:
    return _INDICATORS.get(key)


def choices() -> list[tuple[str, str]]:
    return [(i.key, i.label) for i in sorted(_INDICATORS.values(), key=lambda i: str(i.label))]


def caveat(key: str, project, start, end) -> str:
    """Why the figure for the period may not be exact, in words ("" when it is)."""
    indicator = _INDICATORS.get(key)
    return "" if indicator is None or indicator.caveat is None else indicator.caveat(project, start, end)


def compute(key: str, project, start, end):
    indicator = _INDICATORS.get(key)
    return None if indicator is None else indicator.compute(project, start, end)
