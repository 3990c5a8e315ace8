"""The one disclosure rule: who sees exact counts, and that no hidden count can be worked out.

The properties are checked on generated tables (Hypothesis). The oracle is independent of
`protect`: a plain enumeration of every table the reader could still believe in, given what
is shown (shown cells as shown, hidden cells 1 or more, totals adding up).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Membership
from brobygger.disclosure import (
    HIDDEN,
    THRESHOLD,
    Audience,
    apply,
    audience,
    hide_counts,
    is_staff_somewhere,
    mean_or_hidden,
    protect,
)

counts = st.integers(min_value=0, max_value=12)


# -- one table with its total ---------------------------------------------------------------

@settings(deadline=None)  # a shared, busy machine
@given(st.lists(counts, min_size=1, max_size=6))
def test_no_count_of_one_to_four_is_ever_shown(cells):
    shown, total = hide_counts(dict(enumerate(cells)), sum(cells))
    for key, value in [*enumerate(cells), ("total", sum(cells))]:
        cell = total if key == "total" else shown[key]
        if 0 < value < THRESHOLD:
            assert cell is HIDDEN, (cells, key)
        elif value == 0:
            assert cell == 0, (cells, key)  # a zero is shown: no one is in it
        elif cell is not HIDDEN:
            assert cell == value, (cells, key)  # what is shown is the count itself


@settings(deadline=None)  # a shared, busy machine
@given(st.lists(counts, min_size=1, max_size=6))
def test_a_hidden_cell_has_a_second_hidden_cell_or_a_hidden_total_beside_it(cells):
    shown, total = hide_counts(dict(enumerate(cells)), sum(cells))
    hidden = [k for k, v in shown.items() if v is HIDDEN]
    if hidden and total is not HIDDEN:
        assert len(hidden) >= 2


def _completions(shown: list, total):
    """Every table a reader could believe in, given a shown total: the hidden cells hold 1 or
    more each (a zero is always shown) and add up to the total less the shown cells."""
    hidden = [i for i, v in enumerate(shown) if v is HIDDEN]
    rest = total - sum(v for v in shown if v is not HIDDEN)

    def split(amount, parts):
        if parts == 1:
            yield (amount,) if amount >= 1 else None
            return
        for first in range(1, amount - parts + 2):
            for tail in split(amount - first, parts - 1):
                if tail is not None:
                    yield (first, *tail)

    for guess in split(rest, len(hidden)) if hidden else [()]:
        if guess is not None:
            yield dict(zip(hidden, guess, strict=True))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=5))
def test_every_hidden_cell_could_hold_two_values_for_all_the_reader_can_tell(cells):
    shown, total = hide_counts(dict(enumerate(cells)), sum(cells))
    shown = [shown[i] for i in range(len(cells))]
    if total is HIDDEN:
        return  # the total is a count of 1-4 itself: every non-zero cell is hidden with it
    possible = list(_completions(shown, total))
    assert {i: cells[i] for i, v in enumerate(shown) if v is HIDDEN} in possible  # the truth is one of them
    for i, v in enumerate(shown):
        if v is HIDDEN:
            assert len({c[i] for c in possible}) >= 2, (cells, shown)


def test_two_hidden_cells_that_can_only_be_one_each_hide_a_third():
    # 1 + 1 + 10 = 12: hiding the two ones alone tells the reader they are 1 each.
    shown, total = hide_counts({"a": 1, "b": 1, "c": 10}, 12)
    assert shown == {"a": HIDDEN, "b": HIDDEN, "c": HIDDEN} and total == 12


def test_a_single_small_cell_takes_the_next_smallest_with_it():
    shown, total = hide_counts({"a": 20, "b": 3, "c": 7, "d": 0}, 30)
    assert shown == {"a": 20, "b": HIDDEN, "c": HIDDEN, "d": 0} and total == 30


# -- tables with rows, columns and their totals ---------------------------------------------

@st.composite
def grids(draw):
    rows = draw(st.integers(min_value=1, max_value=5))
    columns = draw(st.integers(min_value=1, max_value=5))
    return [[draw(counts) for _c in range(columns)] for _r in range(rows)]


def _grid_relations(grid):
    """Cells (r, c); row totals (r, "T"); column totals ("T", c); the grand total ("T", "T")."""
    rows, columns = range(len(grid)), range(len(grid[0]))
    values = {(r, c): grid[r][c] for r in rows for c in columns}
    values.update({(r, "T"): sum(grid[r]) for r in rows})
    values.update({("T", c): sum(grid[r][c] for r in rows) for c in columns})
    values["T", "T"] = sum(map(sum, grid))
    relations = [([(r, c) for c in columns], (r, "T")) for r in rows]
    relations += [([(r, c) for r in rows], ("T", c)) for c in columns]
    relations += [([(r, "T") for r in rows], ("T", "T")), ([("T", c) for c in columns], ("T", "T"))]
    return values, relations


@settings(max_examples=200, deadline=None)
@given(grids())
def test_in_a_table_every_hidden_cell_has_a_second_unknown_in_its_row_and_in_its_column(grid):
    values, relations = _grid_relations(grid)
    hidden = protect(values, relations)
    shown = apply(values, hidden)
    assert not any(v is not HIDDEN and 0 < v < THRESHOLD for v in shown.values())
    rows, columns = range(len(grid)), range(len(grid[0]))
    for r in [*rows, "T"]:
        for c in [*columns, "T"]:
            if (r, c) not in hidden:
                continue
            row = [(r, x) for x in [*columns, "T"]]
            column = [(y, c) for y in [*rows, "T"]]
            assert sum(key in hidden for key in row) >= 2, (grid, r, c)
            assert sum(key in hidden for key in column) >= 2, (grid, r, c)


def test_a_small_cell_not_shown_anywhere_is_protected_too():
    # 43 citizens, 40 single-day courses: the 3 longer ones are 43 - 40 unless the 40 is hidden.
    values = {"citizens": 43, "single_day": 40, "longer": 3}
    assert protect(values, [(["single_day", "longer"], "citizens")], implicit={"longer"}) == {"single_day"}


def test_a_mean_over_fewer_than_five_people_is_hidden():
    assert mean_or_hidden(42.5, 4) is HIDDEN
    assert mean_or_hidden(42.5, 5) == 42.5
    assert mean_or_hidden(None, 0) is None


# -- the audience ------------------------------------------------------------------------------

@pytest.mark.parametrize("role, expected", [
    ("coordinator", Audience.STAFF), ("caseworker_a", Audience.STAFF), ("caseworker_b", Audience.STAFF),
    ("outreach", Audience.STAFF), ("analyst", Audience.OUTSIDE), ("administrator", Audience.OUTSIDE),
    ("outsider", Audience.OUTSIDE),
])
def test_the_projects_own_staff_see_exact_counts_and_everyone_else_is_outside(world, role, expected):
    assert audience(world.users[role], world.project) == expected


def test_an_analyst_of_a_partner_organisation_is_staff_and_the_national_one_is_not(world):
    Membership.objects.create(user=world.users["caseworker_b"], organisation=world.org_b, project=world.project,
                              role=Membership.Role.ANALYST)
    assert audience(world.users["caseworker_b"], world.project) == Audience.STAFF
    assert not is_staff_somewhere(world.users["analyst"])
    assert is_staff_somewhere(world.users["coordinator"])


def test_staff_of_one_project_are_outside_another(world):
    assert audience(world.users["coordinator"], world.other_project) == Audience.OUTSIDE
