"""Every PDF Brobygger writes goes through here: one print stylesheet, one embedded font, tagged PDF/UA.

The stylesheet (static brobygger/pdf.css) names the vendored IBM Plex Sans TrueType files by
relative URL, so the PDF embeds the same font as the pages, read from disk. The URL fetcher
allows only the app's own static files: whatever a template holds, rendering never reaches the
network or any other file on the server.

PDF/UA-1 (WeasyPrint's variant switches its pdf_tags on): the document carries a structure tree
(headings, tables, figures, paragraphs), its language (the template's <html lang>) and its title
(<title>, shown as the window title), so a screen reader can read it.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def stylesheet_path() -> str:
    return finders.find("brobygger/pdf.css")


def static_roots() -> list[Path]:
    """Where the app's static files live: each app's static folder, STATICFILES_DIRS, STATIC_ROOT."""
    roots = [Path(config.path) / "static" for config in apps.get_app_configs()]
    roots += [Path(d[1] if isinstance(d, tuple | list) else d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def static_files_fetcher():
    """A WeasyPrint URL fetcher that opens file URLs inside static_roots() and refuses the rest."""
    from weasyprint import URLFetcher

    roots = static_roots()

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not any(path.is_relative_to(root) for root in roots):
                raise ValueError(f"Not one of the app's static files: {url}")
            return super().fetch(url, headers)

    return StaticFilesOnly(allowed_protocols={"file"})


def pdf_document(html: str):
    """The laid-out document (pages can be counted before writing)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = static_files_fetcher()
    # The stylesheet's @font-face rules are loaded only into a FontConfiguration that the render is given too.
    fonts = FontConfiguration()
    stylesheet = CSS(filename=stylesheet_path(), url_fetcher=fetcher, font_config=fonts)
    return HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet], font_config=fonts,
                                                         **PDF_OPTIONS)


def write_pdf(document) -> bytes:
    return document.write_pdf(**PDF_OPTIONS)


def render_pdf(html: str) -> bytes:
    return write_pdf(pdf_document(html))
