"""Per-IP rate limits for forms strangers can submit, counted in Redis (the cache).

A fixed window per (scope, client address): cheap, shared by every web process, and
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


def hit(request, scope: str, rate: str | None = None) -> bool:
    """Count one submission; return False when the client is over the limit."""
    limit, window = parse_rate(rate or settings.PUBLIC_FORM_RATE)
    ip_hash = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{ip_hash}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
