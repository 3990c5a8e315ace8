from decimal import Decimal

from django import template
from django.utils.formats import number_format

from brobygger import rounding
from budget.money import thousands

register = template.Library()


@register.filter
def kdkk(amount):
    """An amount in DKK shown in whole thousands, as the budget note does: 424500 -> "425"."""
    if amount is None:
        return "–"
    return number_format(thousands(amount), 0, force_grouping=True)


@register.filter
def indicator_value(value):
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)  # text, or a hidden count (brobygger.disclosure.HIDDEN)
    if isinstance(value, float):
        return number_format(value, 1)
    return number_format(value, force_grouping=True)


@register.filter
def grouped(value):
    """A whole number with the language's thousands separator: 2528 -> "2.528" in Danish."""
    if value is None or value == "":
        return ""
    return number_format(value, 0, force_grouping=True)


@register.filter
def kdkk1(amount):
    """An amount in 1,000 DKK with one decimal: Decimal("55300") -> "55,3"; a float is already in
    thousands (budget.costs.cost_per); a hidden figure reads "hidden", none "–"."""
    if amount is None:
        return "–"
    if isinstance(amount, Decimal):
        amount = rounding.round_half_up(amount / 1000, 1)
    if not isinstance(amount, float | int):
        return str(amount)
    return number_format(amount, 1, force_grouping=True)
