"""The Danish words for gender that the exchange workbook and the national report use.

Keys are the values of `courses.models.Gender` (plain strings, so nothing is imported from
an app). The workbook leaves the cell empty for an unknown gender; the report counts it as
"Ukendt". Pages show the translated labels of `Gender` instead.
"""

WORDS = {"woman": "Kvinde", "man": "Mand", "non_binary": "Non-binær", "unknown": "Ukendt"}
UNKNOWN = "unknown"
_BY_WORD = {word.casefold(): value for value, word in WORDS.items()}


def report_word(value: str) -> str:
    """The report's key for a gender value: "Kvinde", ..., "Ukendt"."""
    return WORDS[value]


def workbook_word(value: str) -> str:
    """The workbook's cell for a gender value: empty when unknown."""
    return "" if value == UNKNOWN else WORDS[value]


def from_word(text: str) -> str:
    """The gender value of a workbook cell (any case; empty or "Ukendt" is unknown). ValueError otherwise."""
    text = (text or "").strip().casefold()
    if not text:
        return UNKNOWN
    try:
        return _BY_WORD[text]
    except KeyError:
        raise ValueError(text) from None
