"""Charts drawn on the server as accessible SVG: the same markup in the page and the PDF.

Every chart has a <title> and <desc> (WeasyPrint and screen readers use them), text labels
on every bar or point (so colour is never the only carrier of meaning), and is meant to be
shown beside a table of the same numbers.
"""

import textwrap
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe

BAR_COLOUR = "#0059b3"
LINE_COLOURS = ["#0059b3", "#b35900", "#1a7f37", "#6f42c1"]
TEXT = "#1a1a1a"
FONT = 'font-family="IBM Plex Sans, Arial, sans-serif"'
LABEL_CHARS, LINE_HEIGHT = 24, 15  # 24 characters of 13 px text fit the 192 px left of the bars

_counter = 0


def new_chart_id(prefix: str) -> str:
    """An id for a chart's title and description, unique in the page (charts of other apps too)."""
    global _counter
    _counter += 1
    return f"{prefix}-{_counter}"


def _fmt(value, unit: str = "") -> str:
    """A figure with its unit; "–" for none, and text or a hidden count (brobygger.disclosure.HIDDEN)
    as it is, with no unit after it."""
    if value is None:
        return "–"
    if not isinstance(value, int | float):
        return str(value)
    return (number_format(value, 1) if isinstance(value, float) else number_format(value)) + unit


def _label_lines(label) -> list[str]:
    """A label in lines of at most LABEL_CHARS characters, broken between words: never cut off."""
    return textwrap.wrap(str(label), LABEL_CHARS, break_long_words=False, break_on_hyphens=False) or [""]


def bar_chart(title: str, labels: list, values: list, *, description: str = "", unit: str = "") -> str:
    """A horizontal bar chart. A value that is not a number (a hidden count, text) or None draws no bar.

    Long labels wrap onto more lines (the row grows), so "Beskæftigelses- og uddannelsesindsatser" is read
    whole on the page and in the PDF."""
    chart_id = new_chart_id("chart")
    row, label_w, bar_w, pad = 30, 200, 300, 8
    width = label_w + bar_w + 80
    lines = [_label_lines(label) for label in labels]
    heights = [max(row, len(label_lines) * LINE_HEIGHT + 12) for label_lines in lines]
    height = (sum(heights) or row) + 2 * pad
    numeric = [v for v in values if isinstance(v, int | float)]
    top = max(numeric) if numeric and max(numeric) > 0 else 1
    desc = description or "; ".join(f"{label}: {_fmt(v, unit)}" for label, v in zip(labels, values, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart-svg" {FONT} font-size="13">',
        f'<title id="{chart_id}-t">{escape(str(title))}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    y = pad
    for label_lines, h, value in zip(lines, heights, values, strict=True):
        middle = y + h / 2
        first = middle + 4 - (len(label_lines) - 1) * LINE_HEIGHT / 2
        spans = "".join(
            f'<tspan x="{label_w - 8}" y="{first + n * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(label_lines)
        )
        parts.append(f'<text text-anchor="end" fill="{TEXT}">{spans}</text>')
        length = (value / top) * bar_w if isinstance(value, int | float) and value > 0 else 0
        if length:
            parts.append(
                f'<rect x="{label_w}" y="{middle - (row - 10) / 2:.1f}" width="{length:.1f}" height="{row - 10}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{label_w + length + 6:.1f}" y="{middle + 4:.1f}" fill="{TEXT}">'
            f"{escape(_fmt(value, unit))}</text>"
        )
        y += h
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every interpolated text is escaped above


def line_chart(
    title: str,
    x_labels: list,
    series: list[tuple[str, list]],
    *,
    y_max: float = 100,
    bands: list[tuple[float, float, str, str]] = (),
    description: str = "",
) -> str:
    """A line chart with optional horizontal bands (low, high, label, colour), e.g. WHO-5 risk bands.

    Points that are None are skipped (the line breaks there).
    """
    chart_id = new_chart_id("chart")
    left, right, top_pad, bottom = 44, 150, 14, 40
    plot_w, plot_h = 420, 220
    width, height = left + plot_w + right, top_pad + plot_h + bottom
    n = max(1, len(x_labels))
    x = lambda i: left + (plot_w * (i + 0.5) / n)  # noqa: E731
    y = lambda v: top_pad + plot_h - (plot_h * v / y_max)  # noqa: E731
    desc = description or "; ".join(
        f"{name}: " + ", ".join(f"{lab} {_fmt(v)}" for lab, v in zip(x_labels, values, strict=True))
        for name, values in series
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart-svg" {FONT} font-size="12">',
        f'<title id="{chart_id}-t">{escape(str(title))}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for low, high, label, colour in bands:
        parts.append(
            f'<rect x="{left}" y="{y(high):.1f}" width="{plot_w}" height="{y(low) - y(high):.1f}" fill="{colour}"/>'
            f'<text x="{left + plot_w + 6}" y="{(y(low) + y(high)) / 2 + 4:.1f}" fill="{TEXT}">{escape(label)}</text>'
        )
    for tick in range(0, int(y_max) + 1, int(y_max) // 4 or 1):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#bfbfbf"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{TEXT}">{tick}</text>'
        )
    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{top_pad + plot_h + 18}" text-anchor="middle" fill="{TEXT}">{escape(str(label))}</text>'
        )
    for s, (name, values) in enumerate(series):
        colour = LINE_COLOURS[s % len(LINE_COLOURS)]
        points = [(x(i), y(v), v) for i, v in enumerate(values) if isinstance(v, int | float)]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
            dash = "" if s == 0 else ' stroke-dasharray="6 4"'
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>')
        for px, py, v in points:
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>'
                f'<text x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle" fill="{TEXT}">{escape(_fmt(v))}</text>'
            )
        if len(series) > 1:
            parts.append(
                f'<text x="{left}" y="{height - 6 - 14 * (len(series) - 1 - s)}" fill="{colour}">{escape(name)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every interpolated text is escaped above


WHO5_BANDS_COLOURS = ("#fde0dd", "#fff3cd")
