"""The money chart: cumulative plan, spending and forecast over the initiative's months, as SVG.

Drawn on the server with brobygger.charts' escaped elements (no JavaScript, the same SVG in the
page and the PDF), with a <title> and <desc>, line styles as well as colours, and a legend in words.
Only the last point of each line is labelled; the table beside the chart has every number.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from brobygger.charts import TEXT, bar_chart, element, svg

# (colour, dash pattern, marker) per series: told apart by pattern and marker, not colour alone.
STYLES = [("#6f6f6f", "2 4", "none"), ("#b35900", "7 4", "square"), ("#0059b3", "", "circle")]


def _fmt(value) -> str:
    return number_format(round(value), 0, force_grouping=True)


def money_chart(title: str, x_labels: list[str], series: list[tuple[str, list]], *, description: str = "") -> str:
    """series: [(name, [value or None per month])] in 1,000 DKK; None leaves the point out.

    Built from brobygger.charts' escaped elements, so no label or name can become markup."""
    left, right, top_pad, bottom = 56, 24, 16, 70
    # Drawn at its own size in the committee PDF (labels 9 pt, brobygger/static/brobygger/pdf.css) and still on
    # the initiative's one page there.
    plot_w, plot_h = 460, 180
    width, height = left + plot_w + right, top_pad + plot_h + bottom
    values = [v for _name, vs in series for v in vs if v is not None]
    top = max(values + [1])
    step = _nice_step(top / 4)
    y_max = step * (int(top // step) + 1)
    n = max(1, len(x_labels))
    x = lambda i: float(left + plot_w * (i + 0.5) / n)  # noqa: E731
    y = lambda v: float(top_pad + plot_h - plot_h * v / y_max)  # noqa: E731
    desc = description or "; ".join(
        f"{name}: " + ", ".join(f"{lab} {_fmt(v)}" for lab, v in zip(x_labels, vs, strict=True) if v is not None)
        for name, vs in series
    )
    parts = []
    tick = 0
    while tick <= y_max:
        parts.append(element("line", x1=left, x2=left + plot_w, y1=y(tick), y2=y(tick), stroke="#d9d9d9"))
        parts.append(element("text", _fmt(tick), x=left - 6, y=y(tick) + 4, text_anchor="end", fill=TEXT))
        tick += step
    for i, label in enumerate(x_labels):
        parts.append(element("text", str(label), x=x(i), y=top_pad + plot_h + 18, text_anchor="middle", fill=TEXT))
    for s, (name, vs) in enumerate(series):
        colour, dash, marker = STYLES[s % len(STYLES)]
        points = [(x(i), y(v), v) for i, v in enumerate(vs) if v is not None]
        if len(points) > 1:
            parts.append(element("polyline", points=" ".join(f"{px:.1f},{py:.1f}" for px, py, _v in points),
                                 fill="none", stroke=colour, stroke_width="2.5", stroke_dasharray=dash or None))
        for px, py, _v in points:
            if marker == "circle":
                parts.append(element("circle", cx=px, cy=py, r="3.5", fill=colour))
            elif marker == "square":
                parts.append(element("rect", x=px - 3, y=py - 3, width=6, height=6, fill=colour))
        if points:
            px, py, v = points[-1]
            offset = -10 if s != 1 else 16
            parts.append(element("text", _fmt(v), x=px, y=py + offset, text_anchor="end", fill=colour,
                                 font_weight="bold"))
        # Legend: a short sample of the line, then the name.
        lx, ly = left + s * 190, height - 16
        parts.append(element("line", x1=lx, x2=lx + 28, y1=ly - 4, y2=ly - 4, stroke=colour, stroke_width="2.5",
                             stroke_dasharray=dash or None))
        parts.append(element("text", str(name), x=lx + 34, y=ly, fill=TEXT))
    return svg("money", width, height, title, desc, *parts, font_size=12)


def _nice_step(raw: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten, at least raw."""
    power = 1.0
    while power * 10 <= raw:
        power *= 10
    while power > raw and power > 1:
        power /= 10
    for factor in (1, 2, 2.5, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10


def cost_chart(row) -> str:
    """The cost per citizen reached and per outcome of one row of budget.costs (all initiatives
    together over their whole period), as bars. A hidden cost draws no bar and reads "hidden"; none
    (nothing spent, nobody yet) reads "–"."""
    title = _("Cost per citizen reached and per outcome, 1,000 DKK, %(period)s") % {"period": row.period.lower()}
    # Grouped like the cost table beside it (1.053,6), so a figure reads the same in both.
    return bar_chart(title, [c.label for c in row.cells], [c.cost for c in row.cells], grouping=True)
