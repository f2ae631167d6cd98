"""Rate limits counted in Redis (the cache): per IP for forms strangers can submit,
per user where a logged-in person can make the portal send email (invitations).

A fixed window per (scope, client address or user): cheap, shared by every web process, and
good enough to stop a script from flooding members with inquiries.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from .clientip import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' -> (5, 3600)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


__all__ = ["allauth_window", "client_ip", "hit", "parse_rate", "retry_after", "too_many_requests"]


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
        # When this window ends, for the refusal page's "try again in …".
        cache.set(f"{cache_key}:reset", time.time() + window, timeout=window)
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


def retry_after(request, scope: str, rate: str | None = None, *, key: str | None = None) -> int:
    """Seconds until the client's window for ``scope`` ends (the whole window if unknown)."""
    _limit, window = parse_rate(rate or settings.PUBLIC_FORM_RATE)
    ident = hashlib.sha256((key or client_ip(request)).encode()).hexdigest()[:32]
    reset = cache.get(f"ratelimit:{scope}:{ident}:reset")
    if reset is None:
        return window
    return max(1, min(window, math.ceil(reset - time.time())))


def too_many_requests(request, seconds: int, *, template: str = "429.html") -> TemplateResponse:
    """The refusal page: status 429, ``Retry-After``, and when to try again in words."""
    minutes = max(1, math.ceil(seconds / 60))
    response = TemplateResponse(request, template, {"retry_minutes": minutes, "retry_seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def allauth_window(action: str) -> int:
    """The longest window of allauth's limits for ``action`` (``"5/5m/key"`` -> 300), in
    seconds: allauth does not say how long a refusal lasts, so the page promises the most."""
    spec = settings.ACCOUNT_RATE_LIMITS.get(action) or ""
    longest = 60
    for rate in filter(None, (part.strip() for part in spec.split(","))):
        duration = rate.split("/")[1]
        number, unit = duration[:-1], duration[-1]
        longest = max(longest, int(number or 1) * PERIODS.get(unit, 60))
    return longest


def give_back(request, scope: str, *, key: str | None = None, cost: int = 1) -> None:
    """Undo a counted hit whose submission was refused after all (it did nothing)."""
    ident = hashlib.sha256((key or client_ip(request)).encode()).hexdigest()[:32]
    try:
        cache.decr(f"ratelimit:{scope}:{ident}", cost)
    except ValueError:  # the window expired meanwhile: nothing left to undo
        pass
