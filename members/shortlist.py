"""The producer's shortlist: slugs of public members, kept in the session (no account)."""

import re

from django.utils.translation import gettext_lazy as _

SESSION_KEY = "members_shortlist"
SENT_KEY = "members_shortlist_sent"
MAX_ITEMS = 50


def shortlist_slugs(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def shortlist_add(request, slug: str) -> None:
    slugs = shortlist_slugs(request)
    if slug not in slugs and len(slugs) < MAX_ITEMS:
        request.session[SESSION_KEY] = [*slugs, slug]


def shortlist_remove(request, slug: str) -> None:
    request.session[SESSION_KEY] = [s for s in shortlist_slugs(request) if s != slug]


# What a member's slug can look like (a SlugField of 200 characters); anything else,
# say a NUL that PostgreSQL would refuse, names no member and never reaches a query.
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def is_slug(value: str) -> bool:
    return bool(_SLUG.fullmatch(value or ""))


def parse_shared(value: str) -> list[str]:
    """The slugs of a shared link or a posted shortlist: slug-shaped ones, at most MAX_ITEMS."""
    return [slug for slug in (value or "").split(",") if is_slug(slug)][:MAX_ITEMS]


# --- other kinds of things on the shortlist (locations, people…) ---------------------------
# An app registers a section with ``key`` (its posted field and shared-link parameter),
# ``template`` (rendered with ``section`` and ``items``), ``items(request, posted)`` (the
# public items of the session, or of the posted/shared value when it is not None) and
# ``send(inquiry=, items=)`` (called once the inquiry is stored). Members never import them.

_sections: list = []


def register_section(section) -> None:
    if all(existing.key != section.key for existing in _sections):
        _sections.append(section)


def sections() -> list:
    return list(_sections)


# --- what the last inquiry went to (the confirmation page after the redirect) ----------


def remember_sent(request, *, member_slugs: list[str], others: dict[str, list[str]]) -> None:
    """Slugs only: the confirmation page shows the public items again in its own language,
    so nothing that left the public catalogue since reappears."""
    request.session[SENT_KEY] = {"members": list(member_slugs), **{key: list(v) for key, v in others.items()}}


def sent_slugs(request) -> dict[str, list[str]]:
    return dict(request.session.get(SENT_KEY, {}))


def sent_to_groups(members: list, others: list[tuple[object, list]]) -> list[dict]:
    """The recipients in groups for the page and the producer's email: firms first, then
    each other section (headed by its model's plural name: locations, people)."""
    groups = [{"heading": _("Companies"), "items": list(members)}] if members else []
    for _section, items in others:
        if items:
            groups.append({"heading": type(items[0])._meta.verbose_name_plural, "items": list(items)})
    return groups
