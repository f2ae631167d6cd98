"""The client's address: one rule for the portal's rate limits, allauth's and the logs.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as
far as ``TRUSTED_PROXIES`` says:

* unset (``None``): the header is ignored and ``REMOTE_ADDR`` is the client;
* a count ``N``: that many proxies stand in front of the portal, each appending the
  address it saw, so the client is the N-th entry from the right (what the outermost
  proxy saw); anything further left was sent by the client and is ignored;
* addresses or networks (``["10.0.0.0/8", "192.0.2.1"]``): starting from
  ``REMOTE_ADDR``, hops are skipped from the right while they are trusted; the first
  untrusted address is the client.

Either way a client that forges the header only adds entries on the left, which are never
read, so it cannot buy itself another rate-limit budget.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


def _parse(address: str) -> str | None:
    """A normalised IP address, or None for anything that is not one."""
    address = address.strip()
    if address.startswith("[") and "]" in address:  # "[2001:db8::1]:443"
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # "192.0.2.1:443"
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in trusted if item.strip())


def _is_trusted(address: str, networks) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    remote = _parse(request.META.get("REMOTE_ADDR", "")) or ""
    trusted = getattr(settings, "TRUSTED_PROXIES", None)
    if not trusted or not remote:
        return remote
    forwarded = [item for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()]
    if isinstance(trusted, int):
        if not forwarded:
            return remote
        candidate = forwarded[-trusted] if len(forwarded) >= trusted else forwarded[0]
        return _parse(candidate) or remote
    networks = _networks(tuple(trusted))
    current = remote
    for item in reversed(forwarded):
        if not _is_trusted(current, networks):
            return current
        parsed = _parse(item)
        if parsed is None:  # a trusted proxy never writes that: stop at the last good hop
            return current
        current = parsed
    return current
