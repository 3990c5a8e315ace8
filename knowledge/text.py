"""Module texts: Markdown in, sanitised HTML out (on save and again on render)."""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "a", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


def sanitise(html: str) -> str:
    return nh3.clean(
        html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str) -> str:
    """Markdown -> safe HTML. Raw HTML in the text is escaped by sanitising (script, style, on* are dropped)."""
    # Section headings are h2 on the page: shift Markdown's "#" and "##" down so the outline stays right.
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    return sanitise(html)
