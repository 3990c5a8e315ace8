"""The project report for a reader outside the project: the rule of brobygger.disclosure laid
over the plain report data (reports.selectors), so gathering stays one thing for everyone.

The report's tables that add up to the number of citizens (age with "unknown", gender,
interventions per citizen, and single-day courses with the longer ones, which no page shows
but anyone can work out) are protected together: a hidden cell cannot be found from the
total, its table, or another of these tables. Citizens per intervention do not add up to
the citizens (one citizen can receive several), but they add up to what the interventions
per citizen weigh (1 x "1" + 2 x "2" + ...): when a cell of "1" to "4+" is hidden, one
intervention's count is hidden too, so that sum cannot be used to find it, and the
interventions' own cells are protected among themselves.
"""

from brobygger.disclosure import HIDDEN, Audience, apply, json_value, mean_or_hidden, protect, single
from outcomes.disclosure import disclosed_paired_change

PARTS_OF_CITIZENS = ("age", "gender", "interventions_per_citizen")
WEIGHTED_BUCKETS = ("1", "2", "3", "4+")


def for_audience(data: dict, audience: Audience) -> dict:
    return data if audience == Audience.STAFF else disclosed_report(data)


def exit_indicators_for_audience(change: dict | None, audience: Audience) -> dict | None:
    return change if change is None or audience == Audience.STAFF else disclosed_paired_change(change)


def disclosed_report(data: dict) -> dict:
    """The report with counts of 1-4 citizens hidden (HIDDEN) and complementary cells hidden."""
    citizens = data["citizens"]
    single_day = data["participation"]["single_day"]
    values = {"citizens": citizens, "single_day": single_day, "longer": citizens - single_day}
    relations = [(["single_day", "longer"], "citizens")]
    for table in PARTS_OF_CITIZENS:
        cells = {(table, k): v for k, v in data[table].items() if k != "mean"}
        values.update(cells)
        relations.append((list(cells), "citizens"))
    hidden = protect(values, relations, implicit={"longer"})

    reached = {("citizens_per_intervention", k): v for k, v in data["citizens_per_intervention"].items()}
    weights_hidden = any(("interventions_per_citizen", k) in hidden for k in WEIGHTED_BUCKETS)
    forced = set()
    if weights_hidden:
        nonzero = sorted((v, i, k) for i, (k, v) in enumerate(reached.items()) if v > 0)
        if nonzero:
            forced.add(nonzero[0][2])
    hidden |= protect({**reached, "pairs": sum(reached.values())}, [(list(reached), "pairs")],
                      implicit={"pairs"} if weights_hidden else (), also=forced)
    shown = apply({**values, **reached}, hidden)

    result = dict(data)
    result["citizens"] = shown["citizens"]
    age_known = citizens - data["age"]["Ukendt"]
    for table in PARTS_OF_CITIZENS:
        result[table] = {k: shown[(table, k)] for k in data[table] if k != "mean"}
    result["age"]["mean"] = mean_or_hidden(data["age"]["mean"], age_known)
    result["citizens_per_intervention"] = {k: shown[("citizens_per_intervention", k)]
                                           for k in data["citizens_per_intervention"]}
    result["participation"] = {"single_day": shown["single_day"],
                               "mean_months": mean_or_hidden(data["participation"]["mean_months"],
                                                             citizens - single_day)}
    result["trafficking_referrals"] = single(data["trafficking_referrals"])
    # A round's respondents: a count of people. Its mean already needs 10 of them (the method's rule).
    result["who5"] = {
        "rounds": [{**r, "n": single(r["n"])} for r in data["who5"]["rounds"]],
        "paired": data["who5"]["paired"],
    }
    return result


def as_json(value):
    """The report as JSON-ready data: a hidden value is null."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return json_value(value)


__all__ = ["HIDDEN", "as_json", "disclosed_report", "exit_indicators_for_audience", "for_audience"]
