import re

from brobygger.charts import bar_chart


def test_a_long_bar_label_is_wrapped_whole_never_cut():
    label = "Beskæftigelses- og uddannelsesindsatser til borgere i udsatte positioner"
    svg = str(bar_chart("Indsatser", [label, "Bolig"], [12, 3]))
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    first_label = re.sub(r"<[^>]+>", " ", texts[0]).split()
    assert " ".join(first_label) == label
    assert "…" not in svg
    assert all(len(line) <= 24 for line in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", texts[0]))
