"""Age bands: the one definition every count by age uses (the report, its exports, retention,
the outreach contact's told band and its follow-up).

The bands are those of the 2024 exit-package report. Each band has its key (the word in the
report's JSON, exchange format v1 section 5), its bounds in whole years (age at the start of
the course), its label for people and its short code (what an outreach contact stores when
the person tells their band). A course whose age is not known counts as UNKNOWN.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class AgeBand:
    key: str
    low: int
    high: int | None  # None: no upper bound
    label: str
    code: str  # what a form stores when a person tells their band (an outreach contact): at most 5 characters


BANDS = (
    AgeBand("18-25", 18, 25, "18-25", "18-25"),
    AgeBand("26-30", 26, 30, "26-30", "26-30"),
    AgeBand("31-35", 31, 35, "31-35", "31-35"),
    AgeBand("36-45", 36, 45, "36-45", "36-45"),
    AgeBand("Over 45", 46, None, _("Over 45"), "46+"),
)
KEYS = tuple(band.key for band in BANDS)
# For a field in which a person's band is stored as told (an outreach contact's age band).
CHOICES = [(band.code, band.label) for band in BANDS]
CODES = tuple(band.code for band in BANDS)
UNKNOWN = "Ukendt"  # the key (the report's Danish word) for "age not known"
UNKNOWN_LABEL = _("Unknown")


def band_of(age: int | None) -> str:
    """The key of the band `age` falls in; UNKNOWN for None; "" for a known age below the
    first band (an age computed from a birth year can be; such a course counts in no band,
    as the report always did, but its age is known and counts in the mean)."""
    if age is None:
        return UNKNOWN
    for band in BANDS:
        if age >= band.low and (band.high is None or age <= band.high):
            return band.key
    return ""


def in_band(band: AgeBand, field: str = "age") -> Q:
    """The condition "`field` lies in `band`", for conditional aggregation in the database."""
    condition = Q(**{f"{field}__gte": band.low})
    return condition & Q(**{f"{field}__lte": band.high}) if band.high is not None else condition


def label(key: str) -> str:
    """The band's label in the page's language."""
    if key == UNKNOWN:
        return str(UNKNOWN_LABEL)
    return str(next(band.label for band in BANDS if band.key == key))
