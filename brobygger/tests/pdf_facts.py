"""What a PDF holds, read back with pypdf: tags, language, title, embedded fonts and the size each
piece of text is printed at. The PDF tests assert on these, not on "%PDF"."""

import io
import math
import re
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass
class PdfFacts:
    pages: int
    lang: str | None
    title: str | None
    marked: bool  # /MarkInfo /Marked true: the content is tagged
    has_structure: bool  # a /StructTreeRoot: the tags form a tree a screen reader follows
    ua_part: str | None  # the XMP metadata's pdfuaid:part: "1" for PDF/UA-1
    structure_kinds: set = field(default_factory=set)  # /S of every structure element: H1, Table, P...
    fonts: set = field(default_factory=set)  # /BaseFont without the subset prefix ("ABCDEF+")
    text_sizes: list = field(default_factory=list)  # (printed size in pt, inside a Figure: a chart's text)

    @property
    def smallest_text(self) -> float:
        return min(size for size, _figure in self.text_sizes)

    @property
    def chart_text_sizes(self) -> list:
        return [size for size, figure in self.text_sizes if figure]


def _kinds(node, seen: set, depth=0):
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _kinds(child, seen, depth)
        return
    if not hasattr(node, "get") or depth > 60:
        return
    if "/S" in node:
        seen.add(str(node["/S"]).lstrip("/"))
    kids = node.get("/K")
    if kids is not None:
        _kinds(kids, seen, depth + 1)


def _ua_part(root) -> str | None:
    if "/Metadata" not in root:
        return None
    found = re.search(r'pdfuaid:part(?:="|>)(\d)', root["/Metadata"].get_object().get_data().decode())
    return found[1] if found else None


def read_pdf(data: bytes) -> PdfFacts:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    mark = root.get("/MarkInfo")
    facts = PdfFacts(
        pages=len(reader.pages),
        lang=str(root["/Lang"]) if "/Lang" in root else None,
        title=reader.metadata.title if reader.metadata else None,
        marked=bool(mark and mark.get_object().get("/Marked")),
        has_structure="/StructTreeRoot" in root,
        ua_part=_ua_part(root),
    )
    if facts.has_structure:
        _kinds(root["/StructTreeRoot"], facts.structure_kinds)
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            facts.fonts.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
        _walk(page.get_contents(), page["/Resources"], [1, 0, 0, 1, 0, 0], [], reader, facts.text_sizes)
    return facts


def _times(m, n):
    """m then n, as PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    return [a * n[0] + b * n[2], a * n[1] + b * n[3], c * n[0] + d * n[2], c * n[1] + d * n[3],
            e * n[0] + f * n[2] + n[4], e * n[1] + f * n[3] + n[5]]


def _walk(contents, resources, ctm, marks, reader, sizes):
    """A small content-stream interpreter: the transformation stack, the text matrix and the marked-content
    stack, into form XObjects too (pypdf's own text visitor starts each form afresh at the identity
    matrix, so it would report a chart's text larger than printed)."""
    if contents is None:
        return
    stack, tm, font_size = [], [1, 0, 0, 1, 0, 0], 0
    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _times([float(v) for v in operands], ctm)
        elif operator == b"BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif operator == b"Tm":
            tm = [float(v) for v in operands]
        elif operator == b"Td":
            tm = _times([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
        elif operator == b"Tf":
            font_size = float(operands[1])
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            a, b, c, d, _e, _f = _times(tm, ctm)
            sizes.append((round(font_size * math.sqrt(abs(a * d - b * c)), 2), "Figure" in marks))
        elif operator in (b"BDC", b"BMC"):
            marks = [*marks, str(operands[0]).lstrip("/")]
        elif operator == b"EMC":
            marks = marks[:-1]
        elif operator == b"Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                _walk(xobject, xobject.get("/Resources", resources), _times(matrix, ctm), marks, reader, sizes)


def pdf_text(data: bytes) -> str:
    """The text of every page, in reading order as pypdf extracts it, one printed line a line."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
