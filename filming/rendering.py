"""The guide's Markdown, rendered the way news is (``news.rendering``: nh3 allow-list,
headings one level down so the page keeps one ``<h1>``), plus anchors on the headings
and the table of contents built from them.

Anchors are ``s-<slug of the heading>`` (numbered when two headings read the same): the
prefix keeps them clear of the page's own ids.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from news.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, ShiftHeadingsExtension

ANCHORED = {"h2", "h3", "h4"}  # "#", "##" and "###" in the Markdown, once shifted
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class _Anchors(Treeprocessor):
    def run(self, root):
        self.md.guide_toc = []
        seen: dict[str, int] = {}
        for element in root.iter():
            if element.tag not in ANCHORED:
                continue
            title = " ".join(_CONTROL.sub(" ", "".join(element.itertext())).split())
            base = f"s-{slugify(title) or 'section'}"
            seen[base] = seen.get(base, 0) + 1
            anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
            element.set("id", anchor)
            self.md.guide_toc.append({"id": anchor, "title": title, "level": int(element.tag[1])})
        # Depth from the page's own top heading level: 0 for the main sections, then 1, 2.
        top = min((entry["level"] for entry in self.md.guide_toc), default=2)
        for entry in self.md.guide_toc:
            entry["depth"] = entry.pop("level") - top


class _AnchorsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's hook name
        md.treeprocessors.register(_Anchors(md), "guide_anchors", 4)  # after the headings shift (5)


def render_guide(text: str) -> tuple[str, list[dict]]:
    """Sanitised HTML of a guide page's Markdown and its table of contents."""
    if not text or not text.strip():
        return "", []
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", ShiftHeadingsExtension(), _AnchorsExtension()], output_format="html"
    )
    html = md.convert(text)
    attributes = {**ALLOWED_ATTRIBUTES, **{tag: {"id"} for tag in ANCHORED}}
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=attributes,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return clean, md.guide_toc
