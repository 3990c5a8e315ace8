"""brobygger.access.coordinated_projects: the one answer to "which projects does this user coordinate"."""

import ast

from django.contrib.auth.models import AnonymousUser

from accounts.models import Membership
from conftest import make_user
from tests.test_import_layers import ROOT, app_modules, app_names

from ..access import coordinated_projects


def test_a_coordinator_coordinates_their_project_and_no_one_else_any(world):
    assert coordinated_projects(world.users["coordinator"]) == {world.project.pk}
    for person in ("caseworker_a", "caseworker_b", "analyst", "outreach", "administrator", "outsider"):
        assert coordinated_projects(world.users[person]) == set(), person
    assert coordinated_projects(AnonymousUser()) == set()


def test_a_caseworker_in_one_project_and_coordinator_in_another_coordinates_only_that_one(world):
    both = make_user("both", (world.org_a, world.project, Membership.Role.CASEWORKER),
                     (world.national, world.other_project, Membership.Role.COORDINATOR))
    assert coordinated_projects(both) == {world.other_project.pk}


def test_no_app_keeps_its_own_coordinated_projects():
    # Four copies once answered the same question a little differently; they are gone, keep it so.
    found = [
        str(path.relative_to(ROOT))
        for app in app_names() for path in app_modules(app, with_tests=False)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "coordinated_projects"
    ]
    assert found == ["brobygger/access.py"]
