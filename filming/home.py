"""What the filming area shows on the home page: the guide's first pages and the open
schemes, linking to the estimate; two queries (core.home caches them)."""

from __future__ import annotations

from core import home

from . import selectors
from .models import GuidePage, IncentiveScheme

PAGES_SHOWN = 4


def filming() -> dict:
    pages = selectors.guide_pages()[:PAGES_SHOWN]
    schemes = IncentiveScheme.objects.current().order_by("position", "pk")
    return {
        "pages": [{"title": page.title, "summary": page.summary, "url": page.get_absolute_url()} for page in pages],
        "schemes": [
            {"name": scheme.name, "rate_percent": scheme.rate_percent, "is_sample": scheme.is_sample}
            for scheme in schemes
        ],
    }


def register() -> None:
    home.register(
        "filming",
        template="filming/_home_filming.html",
        build=filming,
        order=45,
        invalidated_by=(GuidePage, IncentiveScheme),
    )
