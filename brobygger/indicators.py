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
    # For a share or a mean: groups(project, start, end) -> the counts of people it is made of
    # (answered and not answered; the people a mean is over). Outside the project the figure is
    # hidden when one of them is 1-4 (brobygger.disclosure).
    groups: Callable | None = None
    # caveat(project, start, end) -> words to show beside the figure when it may not be exact, else "".
    caveat: Callable | None = None


_INDICATORS: dict[str, Indicator] = {}


def register(key: str, label, compute: Callable, unit: str = "", *, counts_people: bool = True,
             groups: Callable | None = None, caveat: Callable | None = None) -> None:
    _INDICATORS[key] = Indicator(key, label, compute, unit, counts_people, groups, caveat)


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


def disclosed(key: str, project, start, end, value):
    """`value` of the indicator as a reader outside the project may see it (brobygger.disclosure):
    a count of 1-4 people, or a share or mean made of a group of 1-4 people, is HIDDEN."""
    from .disclosure import HIDDEN, is_small

    indicator = _INDICATORS.get(key)
    if value is None or (indicator is not None and not indicator.counts_people):
        return value
    if indicator is not None and indicator.groups is not None:
        return HIDDEN if any(is_small(n) for n in indicator.groups(project, start, end)) else value
    return HIDDEN if is_small(value) else value
