"""The exit indicators and their answers: the one place they are defined (issue 16).

Each indicator is a fixed list of answers, no free text, and every list ends with an explicit
"unknown / declines to say", so a form is never left blank. The order of the answers that are
not "unknown" is the order used for "moved to a better / the same / a worse category"
(docs/outcomes.md): the first answer is the best. An answer in ``UNRANKED`` (for example
"other" housing) has no place in that order; a change from or to it counts as neither better
nor worse but "not comparable", like "unknown".
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

UNKNOWN = "unknown"


class Kind(models.TextChoices):
    START = "start", _("At the start")
    FOLLOW_UP = "follow_up", _("Follow-up")
    END = "end", _("At the end")


class Housing(models.TextChoices):
    OWN_LEASE = "own_lease", _("Own lease")
    SUBLET = "sublet", _("Sublet or room")
    FAMILY = "family", _("With family or friends")
    SHELTER = "shelter", _("Shelter or hostel")
    STREET = "street", _("Street")
    OTHER = "other", _("Other")
    UNKNOWN = UNKNOWN, _("Unknown or declines to say")


class Income(models.TextChoices):
    WAGE = "wage", _("Wage")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    STUDENT_GRANT = "student_grant", _("Student grant (SU)")
    PENSION = "pension", _("Pension")
    UNEMPLOYMENT = "unemployment", _("Unemployment benefit (dagpenge)")
    SICKNESS = "sickness", _("Sickness benefit")
    CASH_BENEFIT = "cash_benefit", _("Cash or integration benefit (kontanthjælp)")
    OTHER_BENEFIT = "other_benefit", _("Other public benefit")
    SELLING_SEX = "selling_sex", _("Selling sex")
    NONE = "none", _("No income")
    UNKNOWN = UNKNOWN, _("Unknown or declines to say")


class Occupation(models.TextChoices):
    WORKING = "working", _("Working")
    EDUCATION = "education", _("In education")
    JOB_CENTRE = "job_centre", _("In job-centre activity")
    NONE = "none", _("None of these")
    UNKNOWN = UNKNOWN, _("Unknown or declines to say")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = UNKNOWN, _("Unknown or declines to say")


class Support(models.TextChoices):
    THREE_PLUS = "3+", _("3 or more people")
    TWO = "2", _("2 people")
    ONE = "1", _("1 person")
    NONE = "0", _("Nobody")
    UNKNOWN = UNKNOWN, _("Unknown or declines to say")


class SellingSex(models.TextChoices):
    NO = "no", _("No")
    SOMETIMES = "sometimes", _("Sometimes")
    REGULARLY = "regularly", _("Regularly")
    UNKNOWN = UNKNOWN, _("Declines to say or unknown")


@dataclass(frozen=True)
class Indicator:
    field: str
    label: str
    question: str
    choices: type[models.TextChoices]
    # Ranks for better/worse: lower is better; answers with the same rank are "the same".
    # Answers missing here (and "unknown") are not comparable.
    rank: dict

    def rank_of(self, value):
        return self.rank.get(value)


def _ranked(*groups):
    return {value: i for i, group in enumerate(groups) for value in group}


INDICATORS = (
    Indicator("housing", _("Housing"), _("Where does the citizen live now?"), Housing,
              _ranked([Housing.OWN_LEASE], [Housing.SUBLET], [Housing.FAMILY], [Housing.SHELTER],
                      [Housing.STREET])),
    # Income: own earnings, then a grant or pension, then benefits, then selling sex, then none.
    Indicator("income", _("Main income"), _("What is the citizen's main income?"), Income,
              _ranked([Income.WAGE, Income.SELF_EMPLOYED], [Income.STUDENT_GRANT, Income.PENSION],
                      [Income.UNEMPLOYMENT, Income.SICKNESS, Income.CASH_BENEFIT, Income.OTHER_BENEFIT],
                      [Income.SELLING_SEX], [Income.NONE])),
    Indicator("occupation", _("Work or education"), _("Is the citizen working or in education?"), Occupation,
              _ranked([Occupation.WORKING, Occupation.EDUCATION], [Occupation.JOB_CENTRE], [Occupation.NONE])),
    Indicator("own_gp", _("Own GP"), _("Does the citizen have their own GP (egen læge)?"), YesNo,
              _ranked([YesNo.YES], [YesNo.NO])),
    Indicator("health_contact", _("Contact with health care"),
              _("Has the citizen been in contact with health care since the last measurement?"), YesNo,
              _ranked([YesNo.YES], [YesNo.NO])),
    Indicator("support", _("Someone to turn to"),
              _("How many people can the citizen turn to if they need help?"), Support,
              _ranked([Support.THREE_PLUS], [Support.TWO], [Support.ONE], [Support.NONE])),
    Indicator("selling_sex", _("Selling sex"), _("Has the citizen sold sex in the last 3 months?"), SellingSex,
              _ranked([SellingSex.NO], [SellingSex.SOMETIMES], [SellingSex.REGULARLY])),
)
INDICATOR_FIELDS = tuple(i.field for i in INDICATORS)
BY_FIELD = {i.field: i for i in INDICATORS}

BETTER, SAME, WORSE, NOT_COMPARABLE = "better", "same", "worse", "not_comparable"
DIRECTION_LABELS = {
    BETTER: _("Better"),
    SAME: _("Same"),
    WORSE: _("Worse"),
    NOT_COMPARABLE: _("Not comparable (unknown or other)"),
}


def direction(indicator: Indicator, before, after) -> str:
    a, b = indicator.rank_of(before), indicator.rank_of(after)
    if a is None or b is None:
        return NOT_COMPARABLE
    return BETTER if b < a else WORSE if b > a else SAME
