"""Free text must never identify a citizen.

Every free-text field runs `check_no_identity`: it refuses text holding a CPR number,
a phone number or an e-mail address, and its message never repeats the text itself
(so a refused CPR number cannot end up in a page or a log line).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Ten digits, optionally a dash (or space) after the sixth: 010190-1234, 0101901234.
CPR_RE = re.compile(r"(?<![\d])\d{6}[-\s]?\d{4}(?![\d])")
# An e-mail address: something@something.tld
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# Danish numbers (8 digits, optionally +45/0045 and grouped by spaces, dots or dashes)
# and international numbers (+ and 7-15 digits).
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)45[\s.-]?)?\d{2}(?:[\s.-]?\d{2}){3}(?![\w])"
    r"|(?<![\w])\+\d(?:[\s.-]?\d){6,14}(?![\w])"
)
# Dates such as 2026-11-23 or 23-11-2026 look like digit groups but are not phones.
DATE_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{2}[-./]\d{2}[-./]\d{4})\b")

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


def identity_problems(text: str) -> list:
    """The reasons (translated messages) why `text` may identify someone; empty if none."""
    if not text:
        return []
    problems = []
    if CPR_RE.search(text):
        problems.append(CPR_MESSAGE)
    if EMAIL_RE.search(text):
        problems.append(EMAIL_MESSAGE)
    without_dates = DATE_RE.sub(" ", CPR_RE.sub(" ", text))
    if PHONE_RE.search(without_dates):
        problems.append(PHONE_MESSAGE)
    return problems


def check_no_identity(value) -> None:
    """A model and form field validator."""
    problems = identity_problems(str(value or ""))
    if problems:
        raise ValidationError([ValidationError(p, code="identity") for p in problems])


def looks_like_cpr(value: str) -> bool:
    return bool(CPR_RE.fullmatch((value or "").strip()))
