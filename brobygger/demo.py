"""Demo data: Copenhagen's set-up, built by the apps that own each part. Everything is fictitious.

Each app adds its part by registering a function with `extend`; `build` calls them in `order`
(and in registration order within one `order`), each with the same `context` dict, which the
earlier ones have filled. The foundation comes first: projects (organisations, projects, sites,
catalogue; order 10), accounts (demo users and their roles; 20), directory (the services; 25),
courses (the courses, some referred to the directory's services; 30). The
other apps (order 100) find in `context` the keys "rng", "today", "organisations", "users",
"exit_project", "project_2026" and "courses".
"""

import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

DEMO_PASSWORD = "brobygger-demo"  # nosec B105  # the demo's published password; seed_demo runs only with DEBUG on
FOUNDATION = {"projects": 10, "accounts": 20, "directory": 25, "courses": 30}

_extensions: list[tuple[int, int, Callable]] = []


def extend(func=None, *, order: int = 100):
    """Register `func(context)` to add an app's demo content: `@extend` or `@extend(order=...)`."""

    def register(func):
        _extensions.append((order, len(_extensions), func))
        return func

    return register(func) if func is not None else register


@transaction.atomic
def build(*, courses: int = 40, seed: int = 2026) -> dict:
    context = {
        "rng": random.Random(seed),  # nosec B311  # fictitious demo data, repeatable from a seed; not a secret
        "today": timezone.localdate(),
        "course_count": courses,
    }
    for _order, _registered, func in sorted(_extensions, key=lambda entry: entry[:2]):
        func(context)
    return context
