"""Small generators of hostile workbooks (issue 14 point 3), shared by the tests and bench/.

Each returns the bytes of an .xlsx built by hand, part by part, so that it can say what no
honest spreadsheet program writes: a sheet declaring Excel's full grid, a row at the very
bottom of the grid, a part that unpacks a thousand times larger than it is packed.
"""

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            '<sheets><sheet name="Borgere" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                 f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Borger-ID</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Startdato</t></is></c></row>')


def _cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook_with_sheet(sheet_data: str, *, dimension: str | None = None, level: int = 9) -> bytes:
    """An .xlsx whose one sheet holds `sheet_data` (the inside of <sheetData>)."""
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
             + (f'<dimension ref="{dimension}"/>' if dimension else "")
             + f"<sheetData>{sheet_data}</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def full_grid() -> bytes:
    """1.7 KB: the sheet declares A1:XFD1048576 and has one row, at 1,048,576."""
    last = '<row r="1048576">' + _cell("A1048576", "B-1") + _cell("B1048576", "2023-01-01") + "</row>"
    return workbook_with_sheet(HEADER_ROW + last, dimension="A1:XFD1048576")


def bottom_row() -> bytes:
    """The same row at the bottom of the grid, with no declared size at all."""
    last = '<row r="1048576">' + _cell("A1048576", "B-1") + _cell("B1048576", "2023-01-01") + "</row>"
    return workbook_with_sheet(HEADER_ROW + last)


def far_column() -> bytes:
    """A few rows, each with a cell in the grid's last column (XFD): 16,384 cells wide."""
    rows = "".join(f'<row r="{r}">' + _cell(f"A{r}", f"B-{r}") + _cell(f"XFD{r}", "x") + "</row>"
                   for r in range(2, 200))
    return workbook_with_sheet(HEADER_ROW + rows)


def many_rows(count: int) -> bytes:
    """`count` plain citizens after the header: honest, only too many."""
    rows = "".join(f'<row r="{r}">' + _cell(f"A{r}", f"B-{r}") + _cell(f"B{r}", "2023-01-01") + "</row>"
                   for r in range(2, count + 2))
    return workbook_with_sheet(HEADER_ROW + rows)


def tightly_packed(megabytes: int = 20) -> bytes:
    """A cell of `megabytes` MB of one letter: it packs about a thousand times smaller."""
    text = "x" * (megabytes * 1024 * 1024)
    return workbook_with_sheet(HEADER_ROW + '<row r="2">' + _cell("A2", text) + "</row>")


def noisy(megabytes: int) -> bytes:
    """`megabytes` MB of random letters in one cell (one in eight a "b", the rest "a"): packs only
    about ten times smaller, as honest workbooks do, so only its unpacked size gives it away."""
    import os

    raw = os.urandom(megabytes * 1024 * 1024).translate(bytes(b"b"[0] if i >= 224 else b"a"[0] for i in range(256)))
    # Level 1: deflate's best effort on such text takes minutes for a hundred megabytes.
    return workbook_with_sheet(HEADER_ROW + '<row r="2">' + _cell("A2", raw.decode()) + "</row>", level=1)
