"""Generation tokens: one per kind of content, changed by every write that affects it.

A cache entry built from some kinds of content (a catalogue page, facet counts, a
sitemap page) carries the tokens of those kinds; when any of them has changed, the entry
is stale and is built again. A bump costs one cache write and invalidates every entry of
that kind at once, however many there are; nothing has to find and delete them.

Apps bump their own kinds from their signals or services (``bump_on_commit``), so that a
page rebuilt right after the bump reads the committed rows.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

_PREFIX = "generation:"


def _new() -> str:
    return uuid.uuid4().hex[:12]


def keys(kinds: tuple[str, ...] | list[str]) -> list[str]:
    """The cache keys of the kinds' tokens (to read them with something else in one go)."""
    return [_PREFIX + kind for kind in kinds]


def current(kinds: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The token of each kind (one cache round trip)."""
    keys = {kind: _PREFIX + kind for kind in kinds}
    found = cache.get_many(list(keys.values()))
    tokens = {}
    for kind, key in keys.items():
        token = found.get(key)
        if token is None:
            cache.add(key, _new(), None)
            token = cache.get(key) or _new()  # the cache is away: nothing is cached either
        tokens[kind] = token
    return tokens


def signature(kinds: tuple[str, ...] | list[str]) -> str:
    tokens = current(kinds)
    return ".".join(tokens[kind] for kind in sorted(tokens))


def bump(*kinds: str) -> None:
    cache.set_many({_PREFIX + kind: _new() for kind in kinds}, None)


def bump_on_commit(*kinds: str) -> None:
    """Bump now (this transaction's own reads) and again once the change is committed
    (everyone else's: a page built in between would otherwise keep the old rows)."""
    bump(*kinds)
    transaction.on_commit(lambda: bump(*kinds))
