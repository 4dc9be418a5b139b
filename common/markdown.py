"""User text is Markdown; what reaches a page is sanitised HTML.

nh3 (a binding to the Rust Ammonia sanitiser) cleans the rendered HTML. We do not use bleach: it
is no longer maintained and gets no security fixes.
"""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"

# Headings start at h2: the page owns its single h1.
_EXTENSIONS = ["markdown.extensions.tables", "markdown.extensions.sane_lists"]


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML, safe to mark safe in a template."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=_EXTENSIONS, output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitise_html(html)


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown string, for snippets, feeds and search."""
    return nh3.clean(render_markdown(text), tags=set()).strip()
