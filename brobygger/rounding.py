"""The one rounding rule for every figure a page, PDF, Excel file or JSON shows.

Half up (away from zero) to a fixed number of decimals, from the exact value: a mean or
a percentage is computed as a fraction of integers and rounded once, at the end. So
5 of 41 is 12.195... %, shown as 12,2 everywhere; 42.25 is 42,3; -2.25 is -2,3.
Every format gets the already rounded number: the page and the PDF print it, the Excel
cell holds it (not the unrounded value behind a number format), the JSON writes it.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def round_half_up(value, decimals: int = 1) -> float | None:
    """`value` (int, Fraction, Decimal or float) rounded half up to `decimals` places; None stays None.

    A float is taken by its shortest decimal form (0.15 is 0.15, not 0.1499...), as a reader sees it.
    """
    if value is None:
        return None
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, Decimal):
        exact = value
    else:
        exact = Decimal(str(value))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return int(rounded) if decimals == 0 else float(rounded)


def one_decimal(value) -> float | None:
    return round_half_up(value, 1)


def percent(part, whole, decimals: int = 1) -> float | None:
    """100 * part / whole, rounded by the rule; None when there is no whole (or part is not a number)."""
    numbers = int | Fraction | Decimal
    if not isinstance(part, numbers) or isinstance(part, bool) or not isinstance(whole, numbers) or not whole:
        return None
    return round_half_up(100 * Fraction(part) / Fraction(whole), decimals)
