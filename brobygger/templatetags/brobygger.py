from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

_WIDGET_CLASS = {
    "checkbox": "form-checkbox",
    "select": "form-select",
    "selectmultiple": "form-select",
    "nullbooleanselect": "form-select",
    "clearablefile": "form-file-input",
    "file": "form-file-input",
}


@register.filter
def dkfds_widget(field):
    """Render a bound field's widget with DKFDS classes and the hint/error ids it needs."""
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}_helptext")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
    attrs = {"class": _WIDGET_CLASS.get(field.widget_type, "form-input")}
    existing = field.field.widget.attrs.get("class")
    if existing:
        attrs["class"] += f" {existing}"
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def dkfds_choices(field):
    """The list items of a checkbox or radio list, with DKFDS classes.

    Built here from the field's choices rather than by looping over its subwidgets in a template:
    the phone's contact form has some fifty options, and Django's per-option widget machinery
    and template loop took most of the page's time. Same ids, names and values as the widget's.
    """
    widget = field.field.widget
    radio = field.widget_type == "radioselect"
    item_class, input_class = ("form-group-radio", "form-radio") if radio else ("form-group-checkbox", "form-checkbox")
    selected = set(widget.format_value(field.value()))
    name, auto_id = field.html_name, field.auto_id
    return format_html_join(
        "\n",
        '<li class="{}"><input type="{}" name="{}" value="{}" id="{}" class="{}"{}>'
        '<label class="form-label" for="{}">{}</label></li>',
        (
            (item_class, widget.input_type, name, str(value), f"{auto_id}_{index}", input_class,
             mark_safe(" checked") if str(value) in selected else "", f"{auto_id}_{index}", label)  # nosec B308  # a constant attribute
            for index, (value, label) in enumerate(field.field.choices)
        ),
    )


@register.simple_tag
def icon(name, label="", css=""):
    """A DKFDS icon from the sprite; decorative unless it has a label. css: more classes ("alert-icon")."""
    from django.templatetags.static import static

    href = static("dkfds/img/all-svg-icons.svg") + "#" + name
    classes = f"icon-svg {css}".strip()
    if label:
        return format_html(
            '<svg class="{}" focusable="false" role="img" aria-label="{}"><use href="{}"></use></svg>', classes, label,
            href,
        )
    return format_html('<svg class="{}" focusable="false" aria-hidden="true"><use href="{}"></use></svg>', classes, href)


@register.filter
def alert_kind(message):
    """The DKFDS alert for a Django message, which is also its icon's name: error, warning, success, else info."""
    return message.level_tag if message.level_tag in ("error", "warning", "success") else "info"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def with_unit(value, unit=""):
    """A figure with its unit ("12 %"): "–" when there is none, and a hidden figure
    (brobygger.disclosure.HIDDEN) as its marker alone, with no unit after it."""
    from django.utils.formats import number_format

    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{number_format(value)}{unit}"


@register.simple_tag
def page_numbers(page):
    """The page numbers a DKFDS pagination shows: first, last and the current one's neighbours;
    None stands for the gap ("...")."""
    ellipsis = page.paginator.ELLIPSIS
    return [None if number == ellipsis else number
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)]
