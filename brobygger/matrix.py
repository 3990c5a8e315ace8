"""The access matrix: every page, every role, one expectation.

Each app lists its pages in `<app>/access_matrix.py` as `PAGES = [Page(...)]` (and may add
objects to the test world with `extend_world(world)`). tests/test_access_matrix.py walks
every page with every person and fails if a page is missing from the matrix.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# The people of the test world (tests/conftest.py), besides the anonymous visitor.
ROLES = ("outsider", "outreach", "caseworker_a", "caseworker_b", "coordinator", "analyst", "administrator")

COURSE_READERS = frozenset({"caseworker_a", "coordinator"})


@dataclass(frozen=True)
class Page:
    name: str
    allowed: frozenset
    kwargs: Callable = field(default=lambda w: {})
    method: str = "get"
    data: Callable = field(default=lambda w: {})
    public: bool = False  # anonymous visitors get in too
    query: str = ""

    def __str__(self):
        return f"{self.method.upper()} {self.name}"
