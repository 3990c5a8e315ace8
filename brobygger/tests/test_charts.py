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


def test_a_figure_carries_its_unit_and_a_hidden_one_only_its_marker():
    from django.utils import translation

    from brobygger.disclosure import HIDDEN

    with translation.override("da"):
        svg = str(bar_chart("Svarprocent", ["Start", "Slut"], [62.5, HIDDEN], unit=" %"))
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert desc == "Start: 62,5 %; Slut: skjult"
    assert re.findall(r"<text x[^>]*>([^<]*)</text>", svg) == ["62,5 %", "skjult"]
