"""People on the producer's shortlist: their slugs in the session, beside the firms'
(``members.shortlist``); the shortlist page and its one inquiry take both."""

from members.shortlist import MAX_ITEMS, is_slug

SESSION_KEY = "people_shortlist"


def shortlist_people(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def shortlist_add_person(request, slug: str) -> None:
    slugs = shortlist_people(request)
    if slug not in slugs and len(slugs) < MAX_ITEMS:
        request.session[SESSION_KEY] = [*slugs, slug]


def shortlist_remove_person(request, slug: str) -> None:
    request.session[SESSION_KEY] = [s for s in shortlist_people(request) if s != slug]


def parse_people(value: str) -> list[str]:
    return [slug for slug in (value or "").split(",") if is_slug(slug)][:MAX_ITEMS]
