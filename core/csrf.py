"""CSRF protection for forms on pages that are cached for everyone, so carry no token.

A cached public page (a catalogue page, a company profile) is the same bytes for every
visitor: it cannot hold a per-visitor CSRF token, and rendering one would set a cookie
and make the page uncacheable. Its forms post to views decorated with
``same_origin_post``: the browser's own ``Origin`` header (sent with every POST by every
current browser), or failing that ``Sec-Fetch-Site``, must name this site, as OWASP's
"verifying origin with standard headers" defence does. A client that sends neither is
checked by Django's token as before, so nothing is weaker than the token alone.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt


def is_same_origin(request) -> bool | None:
    """True or False when the browser says where the post comes from, None when it does not."""
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS
    site = request.headers.get("Sec-Fetch-Site")
    if site:
        return site == "same-origin"
    return None


def same_origin_post(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            verdict = is_same_origin(request)
            if verdict is None:
                refusal = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
                if refusal is not None:
                    return refusal
            elif not verdict and not getattr(request, "_dont_enforce_csrf_checks", False):
                return CsrfViewMiddleware(lambda r: None)._reject(request, "Origin is not this site.")
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
