"""Rate limits counted in Redis (the cache): per IP for forms strangers can submit,
per user where a logged-in person can make the portal send email (invitations).

A fixed window per (scope, client address or user): cheap, shared by every web process, and
good enough to stop a script from flooding members with inquiries.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' -> (5, 3600)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


def client_ip(request) -> str:
    # Behind the proxy the first X-Forwarded-For entry is the client; the proxy must
    # overwrite (not append to) a header sent by the client. REMOTE_ADDR otherwise.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.PRODUCTION else ""
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def hit(request, scope: str, rate: str | None = None, *, key: str | None = None, cost: int = 1) -> bool:
    """Count one submission (``cost`` of them); return False when the client is over the limit.

    ``key`` names who is counted (``"user:42"`` for a logged-in person); the client's
    address when not given. A refused hit is not counted, so a batch too big for what is
    left of the budget does not use the rest of it up.
    """
    limit, window = parse_rate(rate or settings.PUBLIC_FORM_RATE)
    if cost > limit:
        return False
    ident = hashlib.sha256((key or client_ip(request)).encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{ident}"
    if cache.add(cache_key, cost, timeout=window):
        return True
    try:
        count = cache.incr(cache_key, cost)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, cost, timeout=window)
        return True
    if count <= limit:
        return True
    try:
        cache.decr(cache_key, cost)
    except ValueError:  # expired in the meantime: nothing left to undo
        pass
    return False


def give_back(request, scope: str, *, key: str | None = None, cost: int = 1) -> None:
    """Undo a counted hit whose submission was refused after all (it did nothing)."""
    ident = hashlib.sha256((key or client_ip(request)).encode()).hexdigest()[:32]
    try:
        cache.decr(f"ratelimit:{scope}:{ident}", cost)
    except ValueError:  # the window expired meanwhile: nothing left to undo
        pass
