"""The report as an Excel workbook (one sheet per table) and as a PDF (WeasyPrint, same SVG charts)."""

from django.template.loader import render_to_string

from brobygger import pdf
from brobygger.spreadsheets import Sheet, write_xlsx


def report_xlsx(title: str, tables) -> bytes:
    sheets = []
    for table in tables:
        rows = [[_plain(v) for v in row] for row in table.numeric]
        if table.note:
            rows += [[], [table.note]]
        sheets.append(Sheet(table.title, table.headers, rows))
    return write_xlsx(sheets)


def _plain(value):
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def report_pdf(context: dict, request=None, template="reports/report_pdf.html") -> bytes:
    return pdf.render_pdf(render_to_string(template, context, request=request))
