"""The producer's shortlist: slugs of public members, kept in the session (no account)."""

SESSION_KEY = "members_shortlist"
MAX_ITEMS = 50


def shortlist_slugs(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def shortlist_add(request, slug: str) -> None:
    slugs = shortlist_slugs(request)
    if slug not in slugs and len(slugs) < MAX_ITEMS:
        request.session[SESSION_KEY] = [*slugs, slug]


def shortlist_remove(request, slug: str) -> None:
    request.session[SESSION_KEY] = [s for s in shortlist_slugs(request) if s != slug]


def parse_shared(value: str) -> list[str]:
    return [slug for slug in (value or "").split(",") if slug][:MAX_ITEMS]
