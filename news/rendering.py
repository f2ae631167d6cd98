"""Markdown written by the coordinator, turned into HTML that is safe to show.

Python-Markdown passes raw HTML through and keeps any link target, so its output is
never trusted: nh3 (ammonia) then keeps only an allow-list of tags, attributes and URL
schemes. No script, event handler, style, ``javascript:`` or ``data:`` URL survives.
Headings are shifted one level down so that a ``# Title`` in the body never adds a
second ``<h1>`` to the page.
"""

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


class _ShiftHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5"}:
                element.tag = f"h{int(element.tag[1]) + 1}"


class ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's hook name
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 5)


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Sanitised HTML of a Markdown text ('' for an empty text)."""
    if not text or not text.strip():
        return ""
    html = markdown.markdown(text, extensions=["extra", "sane_lists", ShiftHeadingsExtension()], output_format="html")
    return sanitize_html(html)
