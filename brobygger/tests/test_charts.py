import re
from xml.etree import ElementTree

from brobygger.charts import bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


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


HOSTILE = 'Bolig "x" <script>alert(1)</script> & co'


def test_a_label_never_becomes_markup_in_a_bar_chart():
    svg = str(bar_chart(HOSTILE, [HOSTILE, "Bolig"], [4, 3], unit=' "<b>'))
    # Parsed as XML (as WeasyPrint and the browser do), the only elements are the chart's own.
    root = ElementTree.fromstring(svg)
    assert {el.tag.split("}")[1] for el in root.iter()} == {"svg", "title", "desc", "text", "tspan", "rect"}
    assert root.find(f"{SVG}title").text == HOSTILE
    lines = [span.text for span in root.find(f"{SVG}text")]
    assert " ".join(lines) == HOSTILE  # wrapped onto lines, never cut, read back as written
    assert "<script>" not in svg and '"x"' not in svg


def test_a_label_never_becomes_markup_in_a_line_chart():
    svg = str(line_chart(HOSTILE, [HOSTILE, "2"], [(HOSTILE, [40, 60]), ("B", [50, None])],
                         bands=[(0, 35, HOSTILE, "#fde0dd")]))
    root = ElementTree.fromstring(svg)
    assert {el.tag.split("}")[1] for el in root.iter()} == {"svg", "title", "desc", "rect", "text", "line",
                                                             "polyline", "circle"}
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert texts.count(HOSTILE) == 3  # the band, the first x label and the series' name in the legend
    assert "<script>" not in svg and '"x"' not in svg


def test_chart_ids_come_from_the_chart_not_from_what_was_drawn_before():
    first = str(bar_chart("Køn", ["Kvinde", "Mand"], [3, 4]))
    other = str(bar_chart("Alder", ["18-25", "26-35"], [3, 4]))
    again = str(bar_chart("Køn", ["Kvinde", "Mand"], [3, 4]))
    ids = [re.findall(r'id="([^"]+)"', svg) for svg in (first, other, again)]
    assert ids[0] == ids[2]  # the same chart drawn twice: the same ids
    assert not set(ids[0]) & set(ids[1])  # two charts in one page: no id twice
    assert re.search(r'aria-labelledby="([^"]+)"', first).group(1) == " ".join(ids[0])
