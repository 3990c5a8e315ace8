"""The report's tables and charts, built once from the gathered numbers for the page, PDF and Excel."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger import agebands, charts
from brobygger.disclosure import HIDDEN
from brobygger.rounding import percent
from outcomes.categories import BY_FIELD as INDICATORS_BY_FIELD
from outcomes.categories import DIRECTION_LABELS
from wellbeing.models import HIGH_RISK_MAX, RISK_MAX
from wellbeing.rounds import answer_name

from .selectors import GENDER_LABELS, INTERVENTION_BUCKETS, Gathered

# Colours for the WHO-5 risk bands, with labels, so colour is never the only carrier.
WHO5_BANDS = [(0, HIGH_RISK_MAX, f"0-{HIGH_RISK_MAX}", charts.WHO5_BANDS_COLOURS[0]),
              (HIGH_RISK_MAX, RISK_MAX, f"{HIGH_RISK_MAX + 1}-{RISK_MAX}", charts.WHO5_BANDS_COLOURS[1])]


@dataclass
class Table:
    key: str
    title: str
    headers: list
    rows: list  # [label, value, ...]
    chart: str = ""
    note: str = ""
    numeric: list = field(default_factory=list)  # raw rows for Excel (numbers, not formatted text)


def fmt(value, decimals=None) -> str:
    """A figure as the page and the PDF print it; numbers arrive already rounded (brobygger.rounding)."""
    if value is None:
        return "–"
    if isinstance(value, str) or value is HIDDEN:
        return str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if decimals is not None or isinstance(value, float):
        return number_format(value, 1 if decimals is None else decimals)
    return number_format(value)


def share(count, total):
    """A count's share of its total in per cent, by the rounding rule; hidden with the count or the total."""
    if count is HIDDEN or total is HIDDEN:
        return HIDDEN
    return percent(count, total)


def age_label(key):
    return agebands.label(key)


GENDER_BY_KEY = {word: value for value, word in GENDER_LABELS.items()}


def gender_label(key):
    """The report's Danish key ("Kvinde") in the page's language."""
    return str(GENDER_BY_KEY[key].label)


def bucket_label(key):
    return _("4 or more") if key == "4+" else key


def count_table(key, title, first_header, counts: dict, total, labeller=str, chart_title="") -> Table:
    labels = [labeller(k) for k in counts]
    values = list(counts.values())
    numeric = [[label, v, share(v, total)] for label, v in zip(labels, values, strict=True)]
    rows = [[label, fmt(v), fmt(p, 1)] for label, v, p in numeric]
    chart = charts.bar_chart(chart_title or title, labels, values)
    return Table(key, title, [first_header, _("Citizens"), _("Share (%)")], rows, chart, numeric=numeric)


HIDDEN_NOTE = gettext_lazy("“hidden”: a count of fewer than 5 people, or a count hidden so that such a count cannot be "
                           "worked out from the totals, the other cells or the other tables. A mean over fewer than 5 "
                           "people is hidden too.")


def report_tables(gathered: Gathered, *, outside: bool = False) -> list[Table]:
    """The tables of `gathered`, whose data is already disclosed for its reader (reports.disclosure);
    `outside` adds the note that says what "hidden" means."""
    data = gathered.data
    citizens = data["citizens"]
    age = {k: v for k, v in data["age"].items() if k != "mean"}
    participation = data["participation"]
    overview_rows = [
        [_("Citizens registered"), citizens],
        [_("Courses that started and ended on the same day"), participation["single_day"]],
        [_("Mean length of the other courses (months)"), participation["mean_months"]],
        [_("Mean age"), data["age"]["mean"]],
        [_("Citizens referred to anti-trafficking help"), data["trafficking_referrals"]],
    ]
    tables = [
        Table("overview", _("Citizens and participation"), [_("Figure"), _("Value")],
              [[label, fmt(v)] for label, v in overview_rows], numeric=overview_rows,
              note=_("Ongoing courses are counted up to the report date; a month is 365.25/12 days.")
              + (" " + str(HIDDEN_NOTE) if outside else "")),
        count_table("age", _("Age at registration"), _("Age"), age, citizens, age_label),
        count_table("gender", _("Gender"), _("Gender"), data["gender"], citizens, gender_label),
        count_table("interventions_per_citizen", _("Interventions per citizen"), _("Different interventions"),
                    data["interventions_per_citizen"], citizens, bucket_label),
        count_table("citizens_per_intervention", _("Citizens per intervention"), _("Intervention"),
                    data["citizens_per_intervention"], citizens),
    ]
    tables.extend(who5_tables(gathered))
    tables.extend(exit_indicator_tables(gathered.exit_indicators))
    return with_caveats(tables, data.get("caveats", []))


def with_caveats(tables: list[Table], caveats: list[str]) -> list[Table]:
    """Say beside every table why deleted courses' figures may not be exact (see rights.retained)."""
    for table in tables:
        table.note = " ".join([table.note, *caveats]).strip()
    return tables


def who5_tables(gathered: Gathered) -> list[Table]:
    who5 = gathered.data["who5"]
    rounds = who5["rounds"]
    round_rows = [[answer_name(r["round"]), fmt(r["n"]),
                   _("not shown (fewer than 10)") if r["suppressed"] else fmt(r["mean"])] for r in rounds]
    chart = charts.line_chart(
        _("WHO-5 mean score per answer"), [str(r["round"]) for r in rounds],
        [(_("Mean score"), [r["mean"] for r in rounds])],
        bands=[(low, high, _("%(band)s: risk") % {"band": label} if low else
                _("%(band)s: high risk") % {"band": label}, colour) for low, high, label, colour in WHO5_BANDS],
    ) if rounds else ""
    tests = {t["to"]: t for t in gathered.paired_tests}
    paired_rows, paired_numeric = [], []
    for p in who5["paired"]:
        test = tests.get(p["to"], {})
        row = [_("Answer 1 to %(n)s") % {"n": p["to"]}, p["n"], p["mean_from"], p["mean_to"], p["change"],
               p["clinically_significant"], test.get("p")]
        paired_numeric.append(row)
        paired_rows.append([row[0], fmt(row[1]), fmt(row[2]), fmt(row[3]), fmt(row[4]), fmt(row[5]),
                            fmt(row[6], 3) if row[6] is not None else "–"])
    return [
        Table("who5_rounds", _("WHO-5 wellbeing per answer"), [_("Answer"), _("Respondents"), _("Mean score")],
              round_rows, chart,
              note=_("Score 0-100. 0-35: high risk of depression or stress; 36-50: risk; above 50: no immediate "
                     "risk. Answer 2 is each citizen's second answer, whenever it was given (not the follow-up at a "
                     "set month). An answer with fewer than 10 respondents shows no mean."),
              numeric=[[r["round"], r["n"], r["mean"]] for r in rounds]),
        Table("who5_paired", _("WHO-5 change from the first answer"),
              [_("Answers"), _("Respondents"), _("Mean at answer 1"), _("Mean then"), _("Change"),
               _("Clinically significant (10 points or more)"), _("p (paired t-test)")],
              paired_rows, numeric=paired_numeric,
              note=_("Only the citizens who gave the later answer, compared with their own first answer.")),
    ]


def exit_indicator_tables(change: dict | None) -> list[Table]:
    """Paired change of the exit indicators (outcomes.selectors): one overview of better / same /
    worse per indicator, then per indicator the table from the entry answer to the latest.
    Nothing when no citizen was measured twice."""
    if not change or change["paired"] == 0:
        return []
    directions = list(DIRECTION_LABELS)
    overview = [[str(INDICATORS_BY_FIELD[f].label), *[t["direction"][d] for d in directions]]
                for f, t in change["indicators"].items()]
    paired_note = _("Citizens measured twice or more (%(n)s), each compared with themselves: the first measurement "
                    "against the latest up to the report date. The order of better and worse is in the "
                    "documentation (docs/outcomes.md); a move from or to “unknown” or “other” is not "
                    "comparable.") % {"n": fmt(change["paired"])}
    tables = [Table("exit_indicators", _("Exit indicators: change from the first measurement"),
                    [_("Indicator"), *[str(DIRECTION_LABELS[d]) for d in directions]],
                    [[row[0], *[fmt(v) for v in row[1:]]] for row in overview], numeric=overview, note=paired_note)]
    for field_name, table in change["indicators"].items():
        indicator = INDICATORS_BY_FIELD[field_name]
        labels = dict(indicator.choices.choices)
        answers = list(table["transitions"])
        numeric = [[str(labels[a]), *[table["transitions"][a][b] for b in answers], table["entry"][a]]
                   for a in answers]
        numeric.append([_("At the latest"), *[table["latest"][b] for b in answers], change["paired"]])
        tables.append(Table(
            f"exit_{field_name}", _("%(indicator)s: first to latest measurement") % {"indicator": indicator.label},
            [_("First measurement"), *[str(labels[b]) for b in answers], _("At the first")],
            [[row[0], *[fmt(v) for v in row[1:]]] for row in numeric], numeric=numeric,
            note=_("Rows: the answer at the first measurement; columns: the answer at the latest.")))
    return tables


# -- cross-project view ----------------------------------------------------------------

def comparison_tables(reports: list[dict]) -> list[Table]:
    """Projects side by side, one column per project, small numbers already hidden."""
    names = [r["project"] for r in reports]

    def table(key, title, labels, getter):
        rows = [[label, *[fmt(getter(r, k)) for r in reports]] for k, label in labels]
        values = [[label, *[getter(r, k) for r in reports]] for k, label in labels]
        return Table(key, title, ["", *names], rows, numeric=values)

    total_chart = charts.bar_chart(_("Citizens registered"), names,
                                   [r["citizens"] for r in reports])
    rounds = sorted({x["round"] for r in reports for x in r["who5"]["rounds"]})

    def round_mean(r, k):
        found = [x for x in r["who5"]["rounds"] if x["round"] == k]
        return (found[0]["mean"] if not found[0]["suppressed"] else _("not shown")) if found else None

    overview = table("overview", _("Citizens and participation"), [
        ("citizens", _("Citizens registered")), ("single_day", _("Courses that started and ended on the same day")),
        ("mean_months", _("Mean length of the other courses (months)")), ("mean_age", _("Mean age")),
        ("trafficking", _("Citizens referred to anti-trafficking help")),
    ], lambda r, k: {
        "citizens": r["citizens"], "single_day": r["participation"]["single_day"],
        "mean_months": r["participation"]["mean_months"], "mean_age": r["age"]["mean"],
        "trafficking": r["trafficking_referrals"]}[k])
    overview.chart = total_chart
    overview.note = str(HIDDEN_NOTE)
    caveats = [f"{r['project']}: {caveat}" for r in reports for caveat in r.get("caveats", [])]
    return with_caveats([
        overview,
        table("age", _("Age at registration"), [(key, age_label(key)) for key in (*agebands.KEYS, agebands.UNKNOWN)], lambda r, k: r["age"][k]),
        table("gender", _("Gender"), [(k, gender_label(k)) for k in GENDER_LABELS.values()],
              lambda r, k: r["gender"][k]),
        table("interventions_per_citizen", _("Interventions per citizen"),
              [(k, bucket_label(k)) for k in INTERVENTION_BUCKETS], lambda r, k: r["interventions_per_citizen"][k]),
        table("who5_rounds", _("WHO-5 mean score per answer"),
              [(k, answer_name(k)) for k in rounds], round_mean),
        table("exit_better", _("Exit indicators: citizens in a better category than at the first measurement"),
              [("paired", _("Citizens measured twice or more")),
               *[(f, INDICATORS_BY_FIELD[f].label) for f in INDICATORS_BY_FIELD]],
              lambda r, k: (r["exit_indicators"]["paired"] if k == "paired"
                            else r["exit_indicators"]["indicators"][k]["direction"]["better"])),
    ], caveats)
