"""Whole public pages from the cache, for visitors who are not logged in.

``public_page("members", ...)`` wraps a view: a GET or HEAD from a visitor without a
session (no login, no shortlist) or pending message is answered from Redis when the
same address (language prefix, path, query string, and the catalogue's partial-page
header) was rendered since the named kinds of content last changed
(``core.generations``). One cache round trip reads the page and the kinds' tokens
together; a change to a member, a post or an event makes every page built from it stale
at once, however many there are.

A page is stored only if rendering it set no cookie and used no CSRF token (a page that
embeds one is per visitor). Such responses say ``Cache-Control: public, max-age=…``
with an ``ETag`` (a matching ``If-None-Match`` gets a 304), and ``Vary`` without
``Cookie``: a proxy or CDN in front may keep them too, provided it passes requests that
carry the session cookie to the portal (the usual rule; logged-in pages are
``private``). The middleware (first in ``MIDDLEWARE``) sets those headers last, after
the session middleware has had its say; the page is served through every other
middleware as usual, so security headers and a CSP apply to cached pages too (no nonce
is ever baked into one).

A page is stored gzip-compressed, once, and sent so to the browsers that ask for it
(``Accept-Encoding: gzip``; every browser does) with an ``ETag`` of its own and
``Vary: Accept-Encoding``; other clients get it uncompressed. The catalogue's 57 KB
page 1 is 7 KB in Redis and on the wire, and a proxy that compresses (nginx's
``gzip on``) passes it on as it is instead of compressing it again for every visitor.
Cached pages hold no secret (nothing with a CSRF token is stored), so compressing them
reveals nothing (BREACH needs one).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language

from . import generations

# Headers a stored page keeps (others are per response, or set by the middleware).
_KEPT_HEADERS = ("Content-Language", "Vary", "X-Robots-Tag", "Link")
# Every page shows the site's own frame (name, navigation): its kind is always included.
SITE = "site"
# Smaller pages are not worth a compressed copy (nginx's gzip_min_length is 512).
GZIP_MIN_LENGTH = 512


def _cookies_that_vary() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))


def _eligible(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not any(name in request.COOKIES for name in _cookies_that_vary())
    )


def _key(request) -> str:
    parts = "|".join(
        [
            request.get_host(),
            get_language() or "",
            request.get_full_path(),
            request.headers.get("X-Catalogue-Partial", ""),
        ]
    )
    # "v3": a record is a _Page, its body compressed (older records are never read).
    return "page:v3:" + hashlib.sha256(parts.encode()).hexdigest()


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def _accepts_gzip(request) -> bool:
    """Whether ``Accept-Encoding`` accepts gzip: named (or ``*``) and not with ``q=0``."""
    qualities = {}
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, *params = (part.strip().lower() for part in coding.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        qualities[name] = quality
    return qualities.get("gzip", qualities.get("*", 0.0)) > 0


class _Page(NamedTuple):
    """What is stored: the body (gzip-compressed unless too small to gain), its content
    type, the kept headers and the ETag of its uncompressed form."""

    body: bytes
    content_type: str
    headers: dict
    etag: str
    compressed: bool

    @classmethod
    def of(cls, response) -> _Page:
        content = response.content
        headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
        packed = compress_string(content) if len(content) >= GZIP_MIN_LENGTH else content
        compressed = len(packed) < len(content)
        return cls(packed if compressed else content, response["Content-Type"], headers, _etag(content), compressed)

    def form_for(self, request) -> tuple[str, bool]:
        """The ETag this request gets, and whether it gets the gzip form."""
        if self.compressed and _accepts_gzip(request):
            return self.etag[:-1] + '-gzip"', True
        return self.etag, False

    def content(self, gzipped: bool) -> bytes:
        return gzip.decompress(self.body) if self.compressed and not gzipped else self.body

    def finish(self, response, etag: str, gzipped: bool, status: str) -> HttpResponse:
        if self.compressed:
            patch_vary_headers(response, ["Accept-Encoding"])
        if gzipped and response.status_code == 200:
            response["Content-Encoding"] = "gzip"
        response["ETag"] = etag
        response["X-Page-Cache"] = status
        response.public_page = True
        return response


def _from_store(request, page: _Page) -> HttpResponse:
    etag, gzipped = page.form_for(request)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        if "Vary" in page.headers:
            response["Vary"] = page.headers["Vary"]
    else:
        response = HttpResponse(page.content(gzipped), content_type=page.content_type)
        for name, value in page.headers.items():
            response[name] = value
    return page.finish(response, etag, gzipped, "hit")


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
        and not response.has_header("Cache-Control")
    )


def public_page(*kinds: str):
    """Serve the wrapped view from the page cache for visitors without a session."""
    all_kinds = tuple(sorted({SITE, *kinds}))

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _eligible(request):
                return view(request, *args, **kwargs)
            key = _key(request)
            token_keys = generations.keys(all_kinds)
            found = cache.get_many([key, *token_keys])
            tokens = [found.get(token_key) for token_key in token_keys]
            stored = found.get(key)
            if stored is not None and None not in tokens and stored[0] == tokens:
                return _from_store(request, stored[1])
            signature = list(generations.current(all_kinds).values()) if None in tokens else tokens
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if _storable(request, response):
                page = _Page.of(response)
                cache.set(key, (signature, page), settings.PAGE_CACHE_SECONDS)
                etag, gzipped = page.form_for(request)
                if gzipped:
                    response.content = page.body
                return page.finish(response, etag, gzipped, "miss")
            return response

        return wrapped

    return decorator


class PublicPageMiddleware:
    """Cache headers of public pages, set after every other middleware's response hook."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "public_page", False) and not response.cookies:
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            kept = [v for v in vary if v.lower() != "cookie"]
            if kept:
                response["Vary"] = ", ".join(kept)
            elif response.has_header("Vary"):
                del response["Vary"]
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        return response
