"""The house rule for tables (README, "Layout"): an app writes only its own tables.

Another app's rows are written by calling the owning app's services (courses stores imported
courses, wellbeing erases a course's answers), so the rules of a table stay in one place.
Every module of every app (not its tests or migrations) is read with `ast`, and the test fails on:
- a write through a model class imported from another app's `models`: `Course.objects.create`,
  `...filter(...).update(...)`, `.delete()`, `bulk_create`, `save()` on `Course(...)`, and so on;
- building an instance of another app's model (`Course(...)`): it is only built to be saved;
- handing another app's model to a writer of plain rows (`insert_rows(Course, ...)`);
- SQL in a string that names another app's table, or built on `Model._meta.db_table` of another
  app's model (ask the owner for the SQL: wellbeing.rounds.answer_numbers_sql is the example);
- a ModelForm of another app's model.

What it cannot see: a write through an object the module did not import by name (a related
manager such as `project.interventions.create`, an instance fetched through a relation). Those
are found by reading; keep them out too.
"""

import ast
import re
from pathlib import Path

from django.apps import apps

from tests.test_import_layers import ROOT, app_modules, app_names

WRITES = {
    "create", "bulk_create", "bulk_update", "update", "delete", "get_or_create", "update_or_create", "save",
    "add", "remove", "set", "clear",  # a many-to-many of another app's model
}
USER_MODEL_GETTER = "get_user_model"
# Functions that write the rows of the model handed to them.
ROW_WRITERS = {"insert_rows"}
SQL = re.compile(r"\b(select|insert|update|delete|from|join|into|truncate|alter)\b", re.IGNORECASE)

# What truly must stay, each with its reason: (module, what is found there, without the line), or
# (module, "*") for a whole module. An entry that no longer matches anything fails the test below.
ALLOWED: dict[tuple[str, str], str] = {
    # The change history's triggers sit on the course tables and write only audit's own table; the
    # SQLite trigger looks up the course's code in courses_course by name, because audit stands
    # below courses and its migrations install the triggers from fixed text.
    ("audit/guards.py", "SQL names courses_course (courses.Course)"):
        "audit's history triggers read a course's code",
    # Benchmark seeding: fills every table the report reads with 100,000 synthetic courses at the
    # speed of COPY, for bench/report_bench.py; never run on a real database.
    ("reports/management/commands/seed_bench.py", "*"): "benchmark seeding",
}


def allowed(where: str, what: str) -> bool:
    return (where, what) in ALLOWED or (where, "*") in ALLOWED


def foreign_models(app: str, tree: ast.AST) -> dict[str, str]:
    """Local name -> 'app.Model' for every model class the module imports from another app's models,
    and for every name bound to something built from one (`courses = Course.objects.filter(...)`,
    `for course in courses`), so that `courses.delete()` is seen as well."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            owner, _dot, rest = node.module.partition(".")
            if owner == app or rest != "models" or owner not in app_names():
                continue
            models = {m.__name__ for m in apps.get_app_config(owner).get_models()}
            for alias in node.names:
                if alias.name in models:
                    found[alias.asname or alias.name] = f"{owner}.{alias.name}"
    if app != "accounts":  # the user model is accounts' too when asked for by get_user_model()
        found[USER_MODEL_GETTER] = "accounts.User"
    while True:  # until no new name is bound to one of them
        bound = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets, value = getattr(node, "targets", None) or [node.target], node.value
            elif isinstance(node, (ast.For, ast.comprehension)):
                targets, value = [node.target], node.iter
            else:
                continue
            model = found.get(receiver_name(value))
            if model is None:
                continue
            for target in targets:  # names, and names in a tuple; not `self.x` or `d[k]`
                names = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
                bound.update((n.id, model) for n in names if isinstance(n, ast.Name) and n.id not in found)
        if not bound:
            return found
        found.update(bound)


def receiver_name(node: ast.AST) -> str | None:
    """The name a chain such as `Course.objects.filter(...).update` starts from."""
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return node.id if isinstance(node, ast.Name) else None


def foreign_tables(app: str) -> dict[str, str]:
    return {
        model._meta.db_table: f"{model._meta.app_label}.{model.__name__}"
        for owner in app_names() if owner != app
        for model in apps.get_app_config(owner).get_models()
    }


def strings_of(tree: ast.AST):
    """(line, text) of every string constant, an f-string's constant parts joined by a space."""
    inside_fstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            inside_fstrings.update(id(v) for v in node.values)
            yield node.lineno, " ".join(parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstrings:
            yield node.lineno, node.value


def writes_in(app: str, path: Path) -> list[str]:
    """What `path` (a module of `app`) writes of other apps' tables, one line per place."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(ROOT)
    models = foreign_models(app, tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in WRITES and receiver_name(func.value) in models:
            found.append(f"{where}:{node.lineno} {func.attr}() on {models[receiver_name(func.value)]}")
        elif isinstance(func, ast.Name) and func.id in models and func.id != USER_MODEL_GETTER:
            found.append(f"{where}:{node.lineno} builds a {models[func.id]}")
        elif isinstance(func, (ast.Name, ast.Attribute)):
            name = func.id if isinstance(func, ast.Name) else func.attr
            handed = [a.id for a in node.args if isinstance(a, ast.Name) and a.id in models]
            if name in ROW_WRITERS and handed:
                found.append(f"{where}:{node.lineno} {name}() into {models[handed[0]]}")
    for node in ast.walk(tree):  # SQL built on another app's table: ask the owner for the SQL instead
        if (isinstance(node, ast.Attribute) and node.attr == "db_table" and isinstance(node.value, ast.Attribute)
                and node.value.attr == "_meta" and receiver_name(node.value) in models):
            found.append(f"{where}:{node.lineno} SQL on the table of {models[receiver_name(node.value)]}")
    for node in ast.walk(tree):  # a ModelForm of another app's model saves into its table
        if isinstance(node, ast.ClassDef) and node.name == "Meta":
            for item in node.body:
                if (isinstance(item, ast.Assign) and any(getattr(t, "id", "") == "model" for t in item.targets)
                        and isinstance(item.value, ast.Name) and item.value.id in models):
                    found.append(f"{where}:{item.lineno} a form of {models[item.value.id]}")
    tables = foreign_tables(app)
    for line, text in strings_of(tree):
        if not SQL.search(text):
            continue
        for table, model in tables.items():
            if re.search(rf"\b{re.escape(table)}\b", text):
                found.append(f"{where}:{line} SQL names {table} ({model})")
    return [f for f in found if not allowed(str(where), f.split(" ", 1)[1])]


def cross_app_writes() -> list[str]:
    return [line for app in app_names() for path in app_modules(app, with_tests=False) for line in writes_in(app, path)]


def test_no_app_writes_another_apps_tables():
    found = cross_app_writes()
    assert not found, "Call the owning app's services instead (README, Layout):\n" + "\n".join(found)


def test_the_allow_list_names_only_writes_that_exist():
    # An entry that outlived its write goes, so that it cannot cover the next one.
    found = set()
    for line in cross_app_writes_unfiltered():
        where, what = line.split(" ", 1)
        found |= {(where.rsplit(":", 1)[0], what), (where.rsplit(":", 1)[0], "*")}
    stale = [entry for entry in ALLOWED if entry not in found]
    assert not stale, stale


def cross_app_writes_unfiltered() -> list[str]:
    saved = dict(ALLOWED)
    ALLOWED.clear()
    try:
        return cross_app_writes()
    finally:
        ALLOWED.update(saved)


def test_the_reader_sees_each_kind_of_write(tmp_path, monkeypatch):
    # The rule is only as good as its reader: each shape it names is found in a module of another app.
    module = tmp_path / "writer.py"
    module.write_text(
        "from courses.models import Course, new_course_codes\n"
        "from brobygger.bulk import insert_rows\n"
        "def f(rows):\n"
        "    Course.objects.filter(pk=1).update(gender='')\n"
        "    Course.objects.create(code='x')\n"
        "    Course(code='x').save()\n"
        "    insert_rows(Course, rows)\n"
        "    new_course_codes('A', 1)\n"
        "    Course.objects.filter(pk=1).values_list('pk')\n"
        "    courses = Course.objects.filter(pk=1)\n"
        "    for course in courses:\n"
        "        course.save()\n"
        "    courses.delete()\n"
        "    table = Course._meta.db_table\n"
        "    get_user_model().objects.filter(pk=1).update(is_active=False)\n"
        "    return f'DELETE FROM courses_course WHERE id = {1}'\n"
        "class CourseForm:\n"
        "    class Meta:\n"
        "        model = Course\n"
    )
    monkeypatch.setattr("tests.test_table_owners.ROOT", tmp_path)
    found = sorted(writes_in("exchange", module), key=lambda line: int(line.split(" ")[0].rsplit(":", 1)[1]))
    assert [line.split(" ", 1)[1] for line in found] == [
        "update() on courses.Course",
        "create() on courses.Course",
        "save() on courses.Course",
        "builds a courses.Course",
        "insert_rows() into courses.Course",
        "save() on courses.Course",
        "delete() on courses.Course",
        "SQL on the table of courses.Course",
        "update() on accounts.User",
        "SQL names courses_course (courses.Course)",
        "a form of courses.Course",
    ]
    # The owner writing its own table is no finding: in courses only the user model's write is.
    assert [line.split(" ", 1)[1] for line in writes_in("courses", module)] == ["update() on accounts.User"]
