"""The paired change for a reader outside the project (brobygger.disclosure's rule).

Every count here is a count of people. Per indicator the cells of the transition table add
up to their row (the entry answer's count) and their column (the latest answer's count);
the rows and the columns each add up to the people compared; the better/same/worse/not
comparable counts add up to them too, and each is the sum of its cells of the table. All of
it is protected in one go, so nothing hidden can be found by subtraction in any direction.
"""

from brobygger.disclosure import apply, protect

from .selectors import DIRECTIONS


def disclosed_paired_change(data: dict) -> dict:
    from .categories import BY_FIELD, direction

    values = {"paired": data["paired"]}
    relations = []
    for field, table in data["indicators"].items():
        indicator = BY_FIELD[field]
        t = table["transitions"]
        answers = list(t)
        for a in answers:
            values[(field, "entry", a)] = table["entry"][a]
            values[(field, "latest", a)] = table["latest"][a]
            for b in answers:
                values[(field, a, b)] = t[a][b]
        for d in DIRECTIONS:
            values[(field, "direction", d)] = table["direction"][d]
            relations.append(([(field, a, b) for a in answers for b in answers
                               if direction(indicator, a, b) == d], (field, "direction", d)))
        relations += [([(field, a, b) for b in answers], (field, "entry", a)) for a in answers]
        relations += [([(field, a, b) for a in answers], (field, "latest", b)) for b in answers]
        relations.append(([(field, "entry", a) for a in answers], "paired"))
        relations.append(([(field, "latest", a) for a in answers], "paired"))
        relations.append(([(field, "direction", d) for d in DIRECTIONS], "paired"))
    shown = apply(values, protect(values, relations))
    result = {"paired": shown["paired"], "indicators": {}}
    for field, table in data["indicators"].items():
        answers = list(table["transitions"])
        result["indicators"][field] = {
            "transitions": {a: {b: shown[(field, a, b)] for b in answers} for a in answers},
            "direction": {d: shown[(field, "direction", d)] for d in DIRECTIONS},
            "entry": {a: shown[(field, "entry", a)] for a in answers},
            "latest": {a: shown[(field, "latest", a)] for a in answers},
        }
    return result
