"""Charts drawn on the server as accessible SVG: the same markup in the page and the PDF.

Every chart has a <title> and <desc> (WeasyPrint and screen readers use them), text labels
on every bar or point (so colour is never the only carrier of meaning), and is meant to be
shown beside a table of the same numbers.
"""

import hashlib
import textwrap

from django.utils.formats import number_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#0059b3"
LINE_COLOURS = ["#0059b3", "#b35900", "#1a7f37", "#6f42c1"]
TEXT = "#1a1a1a"
FONT_FAMILY = "IBM Plex Sans, Arial, sans-serif"
FONT = f'font-family="{FONT_FAMILY}"'
LABEL_CHARS, LINE_HEIGHT = 24, 15  # 24 characters of 13 px text fit the 192 px left of the bars


def element(tag: str, *children, **attributes) -> SafeString:
    """One SVG element, built so that no text can become markup: every attribute value and every
    child that is not itself an element (SafeString) is escaped, quotes too. An attribute named
    with underscores is written with hyphens (text_anchor="end" is text-anchor="end"); None leaves
    it out; a float is written to one decimal."""
    written = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(f"{value:.1f}" if isinstance(value, float) else value)}"'
        for name, value in attributes.items()
        if value is not None
    )
    if not children:
        return mark_safe(f"<{tag}{written}/>")  # noqa: S308  # nosec B308 B703  # tag is ours; values escaped
    inner = "".join(conditional_escape(child) for child in children)
    return mark_safe(f"<{tag}{written}>{inner}</{tag}>")  # noqa: S308  # nosec B308 B703  # inner escaped above


def chart_id(prefix: str, *content) -> str:
    """An id for a chart's title and description, from what the chart shows: the same chart gets the
    same id on every drawing (no counter that depends on what was drawn before), and charts that show
    different things get different ids, so several charts fit in one page."""
    return f"{prefix}-{hashlib.sha256(repr(content).encode()).hexdigest()[:10]}"


def svg(chart: str, width: int, height: int, title, desc: str, *children, font_size: int) -> SafeString:
    """The outer <svg> of a chart, named by its <title> and <desc> (aria-labelledby), with an id
    (chart_id) from the title, the description and the drawn children."""
    ident = chart_id(chart, str(title), desc, *children)
    return element(
        "svg",
        element("title", str(title), id=f"{ident}-t"),
        element("desc", desc, id=f"{ident}-d"),
        *children,
        xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {width} {height}", width=width, height=height,
        role="img", aria_labelledby=f"{ident}-t {ident}-d", class_="chart-svg", font_family=FONT_FAMILY,
        font_size=font_size,
    )


def _fmt(value, unit: str = "", grouping: bool = False) -> str:
    """A figure with its unit; "–" for none, and text or a hidden count (brobygger.disclosure.HIDDEN)
    as it is, with no unit after it. Thousands grouped when the table beside the chart groups them."""
    if value is None:
        return "–"
    if not isinstance(value, int | float):
        return str(value)
    decimals = 1 if isinstance(value, float) else None
    return number_format(value, decimals, force_grouping=grouping) + unit


def _label_lines(label) -> list[str]:
    """A label in lines of at most LABEL_CHARS characters, broken between words: never cut off."""
    return textwrap.wrap(str(label), LABEL_CHARS, break_long_words=False, break_on_hyphens=False) or [""]


def bar_chart(title: str, labels: list, values: list, *, description: str = "", unit: str = "",
              grouping: bool = False) -> str:
    """A horizontal bar chart. A value that is not a number (a hidden count, text) or None draws no bar.

    Long labels wrap onto more lines (the row grows), so "Beskæftigelses- og uddannelsesindsatser" is read
    whole on the page and in the PDF."""
    row, label_w, bar_w, pad = 30, 200, 300, 8
    width = label_w + bar_w + 80
    lines = [_label_lines(label) for label in labels]
    heights = [max(row, len(label_lines) * LINE_HEIGHT + 12) for label_lines in lines]
    height = (sum(heights) or row) + 2 * pad
    numeric = [v for v in values if isinstance(v, int | float)]
    top = max(numeric) if numeric and max(numeric) > 0 else 1
    desc = description or "; ".join(f"{label}: {_fmt(v, unit, grouping)}" for label, v in zip(labels, values, strict=True))
    parts = []
    y = pad
    for label_lines, h, value in zip(lines, heights, values, strict=True):
        middle = y + h / 2
        first = middle + 4 - (len(label_lines) - 1) * LINE_HEIGHT / 2
        spans = [element("tspan", line, x=label_w - 8, y=float(first + n * LINE_HEIGHT))
                 for n, line in enumerate(label_lines)]
        parts.append(element("text", *spans, text_anchor="end", fill=TEXT))
        length = (value / top) * bar_w if isinstance(value, int | float) and value > 0 else 0
        if length:
            parts.append(element("rect", x=label_w, y=float(middle - (row - 10) / 2), width=float(length),
                                 height=row - 10, fill=BAR_COLOUR))
        parts.append(element("text", _fmt(value, unit, grouping), x=float(label_w + length + 6), y=float(middle + 4), fill=TEXT))
        y += h
    return svg("chart", width, height, title, desc, *parts, font_size=13)


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
    left, right, top_pad, bottom = 44, 150, 14, 40
    plot_w, plot_h = 420, 220
    width, height = left + plot_w + right, top_pad + plot_h + bottom
    n = max(1, len(x_labels))
    x = lambda i: float(left + (plot_w * (i + 0.5) / n))  # noqa: E731
    y = lambda v: float(top_pad + plot_h - (plot_h * v / y_max))  # noqa: E731
    desc = description or "; ".join(
        f"{name}: " + ", ".join(f"{lab} {_fmt(v)}" for lab, v in zip(x_labels, values, strict=True))
        for name, values in series
    )
    parts = []
    for low, high, label, colour in bands:
        parts.append(element("rect", x=left, y=y(high), width=plot_w, height=y(low) - y(high), fill=colour))
        parts.append(element("text", label, x=left + plot_w + 6, y=(y(low) + y(high)) / 2 + 4, fill=TEXT))
    for tick in range(0, int(y_max) + 1, int(y_max) // 4 or 1):
        parts.append(element("line", x1=left, x2=left + plot_w, y1=y(tick), y2=y(tick), stroke="#bfbfbf"))
        parts.append(element("text", tick, x=left - 6, y=y(tick) + 4, text_anchor="end", fill=TEXT))
    for i, label in enumerate(x_labels):
        parts.append(element("text", label, x=x(i), y=top_pad + plot_h + 18, text_anchor="middle", fill=TEXT))
    for s, (name, values) in enumerate(series):
        colour = LINE_COLOURS[s % len(LINE_COLOURS)]
        points = [(x(i), y(v), v) for i, v in enumerate(values) if isinstance(v, int | float)]
        if len(points) > 1:
            parts.append(element("polyline", points=" ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points),
                                 fill="none", stroke=colour, stroke_width="2.5",
                                 stroke_dasharray=None if s == 0 else "6 4"))
        for px, py, v in points:
            parts.append(element("circle", cx=px, cy=py, r=4, fill=colour))
            parts.append(element("text", _fmt(v), x=px, y=py - 8, text_anchor="middle", fill=TEXT))
        if len(series) > 1:
            parts.append(element("text", name, x=left, y=height - 6 - 14 * (len(series) - 1 - s), fill=colour))
    return svg("chart", width, height, title, desc, *parts, font_size=12)


WHO5_BANDS_COLOURS = ("#fde0dd", "#fff3cd")
