"""The house rule for imports (README, "Layout"): an app imports only apps on the floors below it.

Every module of every app is read with `ast`, imports inside functions included, so an import
cannot hide from the rule by moving into a function. An app's tests (`<app>/tests/`) and the
project-wide `tests/`, `bench/` and `scripts/` may import anything: they stand on the whole house.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent

# From the ground up. An app may import the apps on the floors below its own, never one on its
# own floor or above; so no two apps can import each other, round about or directly.
LAYERS = [
    ["brobygger"],  # settings and shared helpers: imports no app
    ["audit"],  # the access log every app writes to
    ["projects"],
    ["accounts"],
    ["signin"],
    ["directory"],
    ["courses"],
    ["wellbeing"],
    ["outcomes"],
    ["rights"],  # retention keeps what the reports count of every app below, the exit indicators too
    ["outreach", "knowledge", "exchange"],
    ["reports", "exports"],
    ["budget"],
]

def floor_of() -> dict[str, int]:
    return {app: floor for floor, names in enumerate(LAYERS) for app in names}


def app_names() -> list[str]:
    """The project's own apps (those with a folder here), in INSTALLED_APPS."""
    return [config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT]


def imports_of(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) for every absolute import in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return found


def app_modules(app: str, *, with_tests: bool):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT / app).parts
        if "migrations" in parts or (not with_tests and "tests" in parts):
            continue
        yield path


def cross_app_imports(*, with_tests: bool = False):
    """(importing app, imported app, where, module, names) for each import of another app."""
    names = set(app_names())
    for app in names:
        for path in app_modules(app, with_tests=with_tests):
            for line, module, imported in imports_of(path):
                target = module.split(".")[0]
                if target in names and target != app:
                    yield app, target, f"{path.relative_to(ROOT)}:{line}", module, imported


def breaches() -> dict[tuple[str, str], list[str]]:
    floors = floor_of()
    found = defaultdict(list)
    for app, target, where, module, _names in cross_app_imports():
        if floors[target] >= floors[app]:
            found[(app, target)].append(f"{where} imports {module}")
    return found


def test_every_app_has_a_floor():
    missing = [app for app in app_names() if app not in floor_of()]
    assert not missing, f"Give {missing} a floor in LAYERS here and in the README's layout section."


def test_apps_import_only_apps_on_the_floors_below():
    found = breaches()
    assert not found, "Imports against the floors (README, Layout):\n" + "\n".join(
        f"  {a} -> {b}: " + "; ".join(where) for (a, b), where in sorted(found.items())
    )


def test_the_readme_lists_the_same_floors():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    floors = [re.findall(r"`([a-z]+)`", line) for line in re.findall(r"^\d+\. (.*)$", layout, re.MULTILINE)]
    assert floors == LAYERS


def test_brobygger_imports_no_app():
    # The ground floor, spelled out: tests/ and the other apps stand on it.
    assert LAYERS[0] == ["brobygger"]
    found = [f"{where} imports {module}" for app, _t, where, module, _n in cross_app_imports() if app == "brobygger"]
    assert not found, found


def test_no_app_imports_another_apps_private_names():
    private = [
        f"{where} imports {module} {names}"
        for _app, _target, where, module, names in cross_app_imports(with_tests=True)
        if any(part.startswith("_") for part in module.split(".")[1:]) or any(n.startswith("_") for n in names)
    ]
    assert not private, "Give these a public name in the other app's selectors or services:\n" + "\n".join(private)


def test_the_reader_sees_imports_inside_functions(tmp_path):
    # The rule is only as good as its reader: an import hidden in a function body counts too.
    module = tmp_path / "hidden.py"
    module.write_text("def f():\n    from courses.models import Course\n    return Course\n")
    assert imports_of(module) == [(2, "courses.models", ["Course"])]
