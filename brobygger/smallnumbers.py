"""Hide small numbers in aggregates shown beyond the project.

A count of 1-4 people is shown as "<5". If only one cell of a table would be hidden, the
next smallest is hidden too, so the hidden one cannot be worked out from the total.
"""

THRESHOLD = 5
HIDDEN = "<5"


def is_small(value) -> bool:
    return isinstance(value, int) and 0 < value < THRESHOLD


def suppress(counts: dict, threshold: int = THRESHOLD) -> dict:
    """{label: count} -> {label: count or "<5"}, with secondary suppression (see module doc)."""
    result = dict(counts)
    hidden = [k for k, v in counts.items() if isinstance(v, int) and 0 < v < threshold]
    if len(hidden) == 1:
        others = sorted(
            (v, k) for k, v in counts.items() if k not in hidden and isinstance(v, int) and v > 0
        )
        if others:
            hidden.append(others[0][1])
    for key in hidden:
        result[key] = HIDDEN
    return result


def suppress_value(value, threshold: int = THRESHOLD):
    """A single count: "<5" if small."""
    return HIDDEN if isinstance(value, int) and 0 < value < threshold else value
