"""Who sees exact counts of people, and how everyone else gets them hidden: one rule.

Audience. A project's own staff (anyone with a role in the project on behalf of its lead or
a partner organisation) see exact counts. Everyone else is outside: the national agency's
analyst, the committee's PDF, the cross-project view, any export such a reader downloads.

Outside, a count of 1-4 people is hidden (primary hiding), and more cells are hidden
(complementary hiding) until no hidden count can be worked out from what is shown: from a
total, from the other cells of its table, from another table of the same page that adds up
to the same total, or from a percentage or mean. A hidden cell shows `HIDDEN` ("hidden"),
whether it is small or was hidden to protect a small one, so the marker itself tells
nothing; a zero is shown (no one is in it) and is never used to protect another cell.

The tables are described as *relations*: "these cells add up to that total". A cell that no
page shows (the courses that lasted more than a day, say, are only ever the citizens minus
the single-day ones) is *implicit*: the reader does not see it but can work it out, so a
small implicit cell must be protected like a shown one. `protect` hides cells until every
relation that holds a hidden or small implicit cell has at least two unknown cells (shown
cells hidden, implicit cells, or a hidden total), and the unknown cells cannot all be at
the least value the reader knows they have (1 for a hidden cell, 0 for an implicit one):
two hidden cells that add up to 2 are both 1.

Means over fewer than 5 people are hidden (`mean_or_hidden`); the WHO-5 means keep the
method's own rule of 10 respondents (reports.selectors). Counts of events (meetings held,
courses held) are not people: callers do not pass them here.
"""

from collections.abc import Hashable, Iterable
from enum import StrEnum

from django.utils.functional import lazy
from django.utils.translation import gettext

THRESHOLD = 5


class Audience(StrEnum):
    STAFF = "staff"  # exact counts
    OUTSIDE = "outside"  # counts of 1-4 people hidden, with complementary hiding


def own_organisation_ids(project) -> set:
    """The lead and partner organisations' ids, asked once per project object (pages ask often)."""
    ids = getattr(project, "_own_organisation_ids", None)
    if ids is None:
        ids = {project.lead_organisation_id, *project.partners.values_list("pk", flat=True)} - {None}
        project._own_organisation_ids = ids
    return ids


def audience(user, project) -> Audience:
    """STAFF if `user` has a role in `project` on behalf of one of its own organisations."""
    if user is None or not user.is_authenticated:
        return Audience.OUTSIDE
    memberships = user.memberships_in(project)
    if memberships and any(m.organisation_id in own_organisation_ids(project) for m in memberships):
        return Audience.STAFF
    return Audience.OUTSIDE


def is_staff_somewhere(user) -> bool:
    """Staff of at least one project (for pages that span the projects, like the learning follow-up)."""
    if user is None or not user.is_authenticated:
        return False
    projects = {m.project for m in user.active_memberships if m.project_id}
    return any(audience(user, project) == Audience.STAFF for project in projects)


class Hidden:
    """The value of a hidden cell: prints as "hidden" in the page's language; JSON writes null."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self):
        return str(_hidden_text())

    def __repr__(self):
        return "HIDDEN"

    def __bool__(self):
        return True


_hidden_text = lazy(lambda: gettext("hidden"), str)
HIDDEN = Hidden()


def is_small(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < THRESHOLD


def json_value(value):
    """A hidden value in JSON is null (like a WHO-5 mean that is not shown)."""
    return None if value is HIDDEN else value


def mean_or_hidden(mean, people: int):
    """A mean over fewer than 5 people is hidden; over none there is no mean (None)."""
    if not people:
        return None
    return HIDDEN if people < THRESHOLD else mean


def single(value):
    """A count that belongs to no table (e.g. citizens referred to anti-trafficking help)."""
    return HIDDEN if is_small(value) else value


Relation = tuple[list, Hashable]  # (the parts, the total they add up to)


def protect(values: dict, relations: Iterable[Relation], *, implicit: Iterable = (), also: Iterable = ()) -> set:
    """The keys of `values` to hide (see the module's doc). `values` holds every cell, totals
    and implicit cells included; `implicit` are the keys no page shows; `also` are cells the
    caller hides for a reason of its own (a relation this function does not see)."""
    implicit = set(implicit)
    relations = [(list(parts), total) for parts, total in relations]
    hidden = {k for k, v in values.items() if k not in implicit and is_small(v)} | set(also)
    sensitive = {k for k in implicit if is_small(values[k])}

    def unknown(key):
        return key in hidden or key in implicit

    def least(key):  # what the reader knows about an unknown cell: hidden means 1 or more
        return 0 if key in implicit else 1

    changed = True
    while changed:
        changed = False
        for parts, total in relations:
            cells = [*parts, total]
            unknowns = [k for k in cells if unknown(k)]
            if not any(k in hidden or k in sensitive for k in unknowns):
                continue
            if unknown(total):
                determined = len(unknowns) == 1
            else:
                unknown_parts = [k for k in parts if unknown(k)]
                determined = len(unknowns) == 1 or sum(values[k] for k in unknown_parts) == sum(
                    least(k) for k in unknown_parts)
            if not determined:
                continue
            candidates = sorted((values[k], i) for i, k in enumerate(parts) if not unknown(k) and values[k] > 0)
            if candidates:
                hidden.add(parts[candidates[0][1]])
            elif not unknown(total) and values[total] > 0:
                hidden.add(total)
            else:
                continue  # nothing left that could be hidden: every other cell is zero
            changed = True
    return hidden


def apply(values: dict, hidden: set) -> dict:
    return {k: HIDDEN if k in hidden else v for k, v in values.items()}


def hide_counts(counts: dict, total: int, *, total_key="__total__") -> tuple[dict, object]:
    """One table: {label: count} adding up to `total` -> (the counts with cells hidden, the total or HIDDEN)."""
    values = {**counts, total_key: total}
    hidden = protect(values, [(list(counts), total_key)])
    shown = apply(values, hidden)
    return {k: shown[k] for k in counts}, shown[total_key]
