"""People on the producer's shortlist, beside the firms and the locations (a
``members.shortlist`` section, registered in ``apps.ready``).

Slugs of public people are kept in the session under their own key; the shortlist page
lists them in their own section and posts them with the one inquiry, which then goes to
each person as well (``services.inquiry_send_to_people``).
"""

from __future__ import annotations

from members.shortlist import MAX_ITEMS, is_slug, parse_shared

from . import selectors, services

SESSION_KEY = "people_shortlist"


def shortlist_people(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def shortlist_add_person(request, slug: str) -> None:
    slugs = shortlist_people(request)
    if slug not in slugs and len(slugs) < MAX_ITEMS:
        request.session[SESSION_KEY] = [*slugs, slug]


def shortlist_remove_person(request, slug: str) -> None:
    request.session[SESSION_KEY] = [s for s in shortlist_people(request) if s != slug]


class PeopleShortlistSection:
    """The shortlist page's section of crew and artists."""

    key = "people"
    template = "people/_shortlist_section.html"

    def items(self, request, posted: str | None) -> list:
        slugs = parse_shared(posted) if posted is not None else shortlist_people(request)
        return selectors.public_people_by_slugs([slug for slug in slugs if is_slug(slug)])

    def send(self, *, inquiry, items: list) -> None:
        services.inquiry_send_to_people(inquiry=inquiry, people=items)
