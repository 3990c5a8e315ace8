"""Free text must never identify a citizen.

Every free-text field runs `check_no_identity`: it refuses text holding a CPR number,
a phone number or an e-mail address, and its message never repeats the text itself
(so a refused CPR number cannot end up in a page or a log line).

Every pattern runs in linear time on any input (no nested or overlapping repetition,
and the one unbounded pattern, the e-mail address, only starts where a word starts), so
a long pasted text cannot make the check hang.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Every dash a keyboard, Word or a phone may type: hyphen-minus, hyphen, non-breaking hyphen,
# figure dash, en dash, em dash, horizontal bar, minus sign, and their small and full-width forms.
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Invisible characters that would split a number without showing (zero-width space and joiners,
# soft hyphen, word joiner, byte-order mark): removed before the checks look at the text.
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")

# A CPR number: the birth date as six digits (010190) or in three groups of two with one kind of
# separator (01.01.90, 01-01-90, 01/01/90, 01 01 90), then the four digits, with at most one dash,
# dot or slash between them and spaces around it: 010190-1234, 0101901234, 010190 - 1234,
# 010190–1234, 01.01.90-1234. Not after a "+": +4512345678 is a phone number with its country code.
# Every repetition is bounded, so the search stays linear.
CPR_RE = re.compile(
    rf"(?<![\d+])(?:\d{{6}}|\d{{2}}([.{DASHES}/\s])\d{{2}}\1\d{{2}})"
    rf"\s{{0,2}}(?:[.{DASHES}/]\s{{0,2}})?\d{{4}}(?!\d)"
)
# An e-mail address: something@something.tld. The local part starts only where no other
# local-part character is before it, and possessive quantifiers never give back: together
# these keep the search linear (a plain [\w.+-]+@ is quadratic on a long word without "@").
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")

_SEP = rf"[\s.{DASHES}]"
# Danish numbers, eight digits:
# - spaced any way (12345678, 12 34 56 78, 1234 5678, 123 45 678), but not grouped in thousands
#   like an amount (12 500 000), see _looks_like_an_amount;
# - with dots or dashes of one kind throughout, in pairs (12.34.56.78, 12-34-56-78);
# - after +45 or 0045, or after a word such as "tlf" or "mobil", with any separators in any
#   grouping (+45 12-345-678, tlf. 12.345.678).
# International numbers: + and 7-15 digits. A time span (12.30-14.00) or a span of years
# (2024-2025) is not a phone.
_SPACED = r"(?<![\w+])(?P<spaced>\d(?:\s?\d){7})(?!\w)"
_PAIRS = rf"(?<![\w+])\d{{2}}([.{DASHES}])\d{{2}}\2\d{{2}}\2\d{{2}}(?!\w)"
_ANY = rf"\d(?:{_SEP}{{0,2}}\d){{7}}(?!\d)"
_PREFIXED = rf"(?<![\w+])(?:\+|00)45{_SEP}{{0,2}}{_ANY}"
_WORD = (
    r"(?<!\w)(?i:tlf|tlf\.?nr|tel|telefon|telefonnummer|telefonnr|mobil|mobilnummer|mobilnr|mob|ring|sms|phone)"
    rf"\.?:?\s{{0,3}}(?:(?:\+|00)45{_SEP}{{0,2}})?{_ANY}"
)
_INTERNATIONAL = rf"(?<![\w+])\+\d(?:[\s.{DASHES}]?\d){{6,14}}(?!\w)"
PHONE_RE = re.compile(f"{_SPACED}|{_PAIRS}|{_INTERNATIONAL}")
# After +45 or a telling word, digits are a phone number even if they could be a date (tlf 2012-12-12).
TOLD_PHONE_RE = re.compile(f"{_PREFIXED}|{_WORD}")
# 12 500 000 or 1 234 567: an amount with its thousands spaced, not a phone number.
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\s\d{3})+")
# Dates such as 2026-11-23, 23-11-2026 or 23 11 2026 look like digit groups but are not phones.
DATE_RE = re.compile(
    r"(?<![\d+])(?:\d{4}-\d{2}-\d{2}"
    r"|(?:0?[1-9]|[12]\d|3[01])([-./\s])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2})(?!\d)"
)


def _has_phone(text: str) -> bool:
    """`text` holds a phone number (after its CPR numbers are taken out)."""
    if TOLD_PHONE_RE.search(text):
        return True
    for match in PHONE_RE.finditer(DATE_RE.sub(" ", text)):
        spaced = match.group("spaced")
        if spaced is None or not _THOUSANDS_RE.fullmatch(spaced):
            return True
    return False


CPR_MESSAGE = _(
    "The text seems to contain a CPR number. Brobygger never stores who a citizen is: "
    "remove it and describe what happened without it."
)
PHONE_MESSAGE = _(
    "The text seems to contain a phone number. Brobygger never stores contact details of "
    "citizens: remove it."
)
EMAIL_MESSAGE = _(
    "The text seems to contain an e-mail address. Brobygger never stores contact details of "
    "citizens: remove it."
)


MESSAGES = {"cpr": CPR_MESSAGE, "email": EMAIL_MESSAGE, "phone": PHONE_MESSAGE}
KINDS = tuple(MESSAGES)


def identity_kinds(text: str) -> list[str]:
    """What in `text` may identify someone: some of "cpr", "email", "phone", in that order."""
    if not text:
        return []
    text = INVISIBLE_RE.sub("", text)
    kinds = []
    if CPR_RE.search(text):
        kinds.append("cpr")
    if EMAIL_RE.search(text):
        kinds.append("email")
    # A CPR number (or a date, see _has_phone) is not also reported as a phone number.
    if _has_phone(CPR_RE.sub(" ", text)):
        kinds.append("phone")
    return kinds


def identity_problems(text: str) -> list:
    """The reasons (translated messages) why `text` may identify someone; empty if none."""
    return [MESSAGES[kind] for kind in identity_kinds(text)]


def check_no_identity(value, *, allow=()) -> None:
    """A model and form field validator. `allow` names kinds the field may hold (a service's public
    phone number in the directory); a CPR number is never allowed."""
    problems = [MESSAGES[kind] for kind in identity_kinds(str(value or "")) if kind not in allow]
    if problems:
        raise ValidationError([ValidationError(p, code="identity") for p in problems])


def check_no_cpr(value) -> None:
    """For a field that may hold public contact details (a service's own phone and e-mail): never a CPR number."""
    check_no_identity(value, allow=("email", "phone"))
