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

# Ten digits, optionally a dash or space after the sixth: 010190-1234, 0101901234, 010190 1234.
# Not after a "+": +4512345678 is a phone number with its country code.
CPR_RE = re.compile(r"(?<![\d+])\d{6}[-\s]?\d{4}(?!\d)")
# An e-mail address: something@something.tld. The local part starts only where no other
# local-part character is before it, and possessive quantifiers never give back: together
# these keep the search linear (a plain [\w.+-]+@ is quadratic on a long word without "@").
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
# Danish numbers: 8 digits in pairs or fours with or without spaces (12345678,
# 12 34 56 78, 1234 5678), or with dots or dashes of one kind throughout (12-34-56-78);
# optionally after +45 or 0045. International numbers: + and 7-15 digits.
# A time span (12.30-14.00) or a span of years (2024-2025) is not a phone.
_DANISH = r"(?:\d{2}(?:\s?\d{2}){3}|\d{2}([.-])\d{2}\1\d{2}\1\d{2})"
PHONE_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)45[\s.-]?)?{_DANISH}(?!\w)"
    r"|(?<![\w+])\+\d(?:[\s.-]?\d){6,14}(?!\w)"
)
# Dates such as 2026-11-23 or 23-11-2026 look like digit groups but are not phones.
DATE_RE = re.compile(r"(?<![\d+])(?:\d{4}-\d{2}-\d{2}|\d{2}[-./]\d{2}[-./]\d{4})(?!\d)")

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


def identity_kinds(text: str) -> list[str]:
    """What in `text` may identify someone: some of "cpr", "email", "phone", in that order."""
    if not text:
        return []
    kinds = []
    if CPR_RE.search(text):
        kinds.append("cpr")
    if EMAIL_RE.search(text):
        kinds.append("email")
    # A CPR number or a date is not also reported as a phone number.
    without_dates = DATE_RE.sub(" ", CPR_RE.sub(" ", text))
    if PHONE_RE.search(without_dates):
        kinds.append("phone")
    return kinds


def identity_problems(text: str) -> list:
    """The reasons (translated messages) why `text` may identify someone; empty if none."""
    return [MESSAGES[kind] for kind in identity_kinds(text)]


def check_no_identity(value) -> None:
    """A model and form field validator."""
    problems = identity_problems(str(value or ""))
    if problems:
        raise ValidationError([ValidationError(p, code="identity") for p in problems])


def looks_like_cpr(value: str) -> bool:
    return bool(CPR_RE.fullmatch((value or "").strip()))
