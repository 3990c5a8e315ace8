"""Every PDF Brobygger writes goes through here: one print stylesheet, one embedded font, tagged PDF/UA.

The stylesheet (static brobygger/pdf.css) names the vendored IBM Plex Sans TrueType files by
relative URL, so the PDF embeds the same font as the pages, read from disk. The URL fetcher
allows only file URLs: whatever a template holds, rendering never reaches the network.

PDF/UA-1 (WeasyPrint's variant switches its pdf_tags on): the document carries a structure tree
(headings, tables, figures, paragraphs), its language (the template's <html lang>) and its title
(<title>, shown as the window title), so a screen reader can read it.
"""

from django.contrib.staticfiles import finders

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def stylesheet_path() -> str:
    return finders.find("brobygger/pdf.css")


def pdf_document(html: str):
    """The laid-out document (pages can be counted before writing)."""
    from weasyprint import CSS, HTML, URLFetcher
    from weasyprint.text.fonts import FontConfiguration

    fetcher = URLFetcher(allowed_protocols={"file"})
    # The stylesheet's @font-face rules are loaded only into a FontConfiguration that the render is given too.
    fonts = FontConfiguration()
    stylesheet = CSS(filename=stylesheet_path(), url_fetcher=fetcher, font_config=fonts)
    return HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet], font_config=fonts,
                                                         **PDF_OPTIONS)


def write_pdf(document) -> bytes:
    return document.write_pdf(**PDF_OPTIONS)


def render_pdf(html: str) -> bytes:
    return write_pdf(pdf_document(html))
