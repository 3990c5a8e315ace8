"""The access matrix: every page, every role, one expectation.

Each app lists its pages in `<app>/access_matrix.py` as `PAGES = [Page(...)]` (and may add
objects to the test world with `extend_world(world)`). tests/test_access_matrix.py walks
every page with every person and fails if a page is missing from the matrix.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# The people of the test world (conftest.py), besides the anonymous visitor. The last two work in the
# second project, Exit Aarhus (added by tests/test_access_matrix.py): its coordinator and its analyst.
ROLES = ("outsider", "outreach", "caseworker_a", "caseworker_b", "coordinator", "analyst", "administrator",
         "coordinator_aarhus", "analyst_aarhus")

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
    # Where an allowed person is sent (the path, from the world), for a page that answers them with
    # a redirect; otherwise they must get the page itself (200). A redirect is never taken on trust:
    # one to the sign-in page is how a refusal can look.
    redirect: Callable | None = None
    redirected: frozenset | None = None  # who of the allowed is redirected, if not all of them

    def __str__(self):
        return f"{self.method.upper()} {self.name}"
