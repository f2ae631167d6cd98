"""Markdown written by the coordinator, turned into HTML that is safe to show.

Python-Markdown passes raw HTML through and keeps any link target, so its output is
never trusted: nh3 (ammonia) then keeps only an allow-list of tags, attributes and URL
schemes. No script, event handler, style, ``javascript:`` or ``data:`` URL survives.
Headings are shifted down so that the body's highest heading is an ``<h2>``: a
``# Title`` in the body never adds a second ``<h1>`` to the page, and sections written
as ``##`` do not skip from the page's ``<h1>`` to ``<h3>``.
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


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class _ShiftHeadings(Treeprocessor):
    def __init__(self, md, *, top_at_h2: bool):
        super().__init__(md)
        self.top_at_h2 = top_at_h2

    def run(self, root):
        headings = [element for element in root.iter() if element.tag in HEADINGS]
        if not headings:
            return
        # A body whose sections start at "##" (as most writers do under a title) would
        # otherwise jump from the page's <h1> straight to <h3>.
        shift = 2 - min(int(h.tag[1]) for h in headings) if self.top_at_h2 else 1
        for element in headings:
            element.tag = f"h{min(max(int(element.tag[1]) + shift, 2), 6)}"


class ShiftHeadingsExtension(Extension):
    """Headings one level down (``#`` becomes ``<h2>``); with ``top_at_h2`` the body's
    highest heading becomes ``<h2>`` whatever level it was written at."""

    def __init__(self, top_at_h2: bool = False, **kwargs):
        self.top_at_h2 = top_at_h2
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's hook name
        md.treeprocessors.register(_ShiftHeadings(md, top_at_h2=self.top_at_h2), "shift_headings", 5)


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
    html = markdown.markdown(
        text, extensions=["extra", "sane_lists", ShiftHeadingsExtension(top_at_h2=True)], output_format="html"
    )
    return sanitize_html(html)
