"""Locations on the producer's shortlist, next to companies (``members.shortlist`` sections).

Slugs of public locations are kept in the session under their own key; the shortlist
page lists them below the companies and posts them with the one inquiry, which then
goes to each managing firm as well (``services.location_inquiry_send``).
"""

from __future__ import annotations

from members.shortlist import is_slug, parse_shared

from . import selectors, services

SESSION_KEY = "locations_shortlist"
MAX_ITEMS = 50


def location_slugs(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def location_add(request, slug: str) -> None:
    slugs = location_slugs(request)
    if slug not in slugs and len(slugs) < MAX_ITEMS:
        request.session[SESSION_KEY] = [*slugs, slug]


def location_remove(request, slug: str) -> None:
    request.session[SESSION_KEY] = [s for s in location_slugs(request) if s != slug]


def public_by_slugs(slugs: list[str]) -> list:
    order = {slug: n for n, slug in enumerate(slugs)}
    rows = selectors.public_locations().filter(slug__in=[s for s in slugs if is_slug(s)]).select_related("manager")
    return sorted(rows, key=lambda location: order[location.slug])


class LocationsShortlistSection:
    """The shortlist page's section of locations (registered in ``apps.ready``)."""

    key = "locations"
    template = "locations/_shortlist_section.html"

    def items(self, request, posted: str | None) -> list:
        slugs = parse_shared(posted) if posted is not None else location_slugs(request)
        return public_by_slugs(slugs)

    def send(self, *, inquiry, items: list) -> None:
        services.location_inquiry_send(inquiry=inquiry, locations=items)
