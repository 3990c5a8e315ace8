"""The money chart: cumulative plan, spending and forecast over the initiative's months, as SVG.

Drawn on the server like brobygger.charts (no JavaScript, the same SVG in the page and the
PDF), with a <title> and <desc>, line styles as well as colours, and a legend in words.
Only the last point of each line is labelled; the table beside the chart has every number.
"""

from html import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe

from brobygger.charts import FONT, TEXT, chart_id

# (colour, dash pattern, marker) per series: told apart by pattern and marker, not colour alone.
STYLES = [("#6f6f6f", "2 4", "none"), ("#b35900", "7 4", "square"), ("#0059b3", "", "circle")]


def _fmt(value) -> str:
    return number_format(round(value), 0, force_grouping=True)


def money_chart(title: str, x_labels: list[str], series: list[tuple[str, list]], *, description: str = "") -> str:
    """series: [(name, [value or None per month])] in 1,000 DKK; None leaves the point out."""
    ident = chart_id("money", title, x_labels, series, description)  # the same chart, the same id
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
    x = lambda i: left + plot_w * (i + 0.5) / n  # noqa: E731
    y = lambda v: top_pad + plot_h - plot_h * v / y_max  # noqa: E731
    desc = description or "; ".join(
        f"{name}: " + ", ".join(f"{lab} {_fmt(v)}" for lab, v in zip(x_labels, vs, strict=True) if v is not None)
        for name, vs in series
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" class="chart-svg" {FONT} font-size="12">',
        f'<title id="{ident}-t">{escape(str(title))}</title><desc id="{ident}-d">{escape(desc)}</desc>',
    ]
    tick = 0
    while tick <= y_max:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d9d9d9"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{TEXT}">{_fmt(tick)}</text>'
        )
        tick += step
    for i, label in enumerate(x_labels):
        parts.append(f'<text x="{x(i):.1f}" y="{top_pad + plot_h + 18}" text-anchor="middle" '
                     f'fill="{TEXT}">{escape(str(label))}</text>')
    for s, (name, vs) in enumerate(series):
        colour, dash, marker = STYLES[s % len(STYLES)]
        points = [(x(i), y(v), v) for i, v in enumerate(vs) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _v in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        for px, py, _v in points:
            if marker == "circle":
                parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>')
            elif marker == "square":
                parts.append(f'<rect x="{px - 3:.1f}" y="{py - 3:.1f}" width="6" height="6" fill="{colour}"/>')
        if points:
            px, py, v = points[-1]
            offset = -10 if s != 1 else 16
            parts.append(f'<text x="{px:.1f}" y="{py + offset:.1f}" text-anchor="end" fill="{colour}" '
                         f'font-weight="bold">{_fmt(v)}</text>')
        # Legend: a short sample of the line, then the name.
        lx, ly = left + s * 190, height - 16
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx}" x2="{lx + 28}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" '
                     f'stroke-width="2.5"{dash_attr}/><text x="{lx + 34}" y="{ly}" fill="{TEXT}">{escape(name)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every interpolated text is escaped above


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
    from django.utils.translation import gettext as _

    from brobygger.charts import bar_chart

    title = _("Cost per citizen reached and per outcome, 1,000 DKK, %(period)s") % {"period": row.period.lower()}
    return bar_chart(title, [c.label for c in row.cells], [c.cost for c in row.cells])
