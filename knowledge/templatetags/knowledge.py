from django import template
from django.utils.safestring import mark_safe

from knowledge.text import sanitise

register = template.Library()


@register.filter
def safe_html(html):
    """Stored module HTML, sanitised once more on the way out."""
    return mark_safe(sanitise(html))  # noqa: S308  # nosec B308 B703  # nh3 has just cleaned it
