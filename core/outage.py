"""A database outage answers 503 with a page of its own, not a 500.

When PostgreSQL cannot be reached (refused, restarted, failed over, a connection killed)
Django raises ``OperationalError`` or ``InterfaceError`` wherever the first query runs:
in a view, in a template, or in a middleware (the session, the user, a history record).
Django turns each of those into its 500 response on the spot, so no outer middleware ever
sees the exception itself. ``got_request_exception`` is sent first, with the exception
being handled, so ``_note_outage`` marks the request; ``DatabaseOutageMiddleware`` then
swaps that 500 for ``templates/503.html`` with ``Retry-After``.

The page is rendered without a request, so no context processor runs (the branding
record, the user, messages: all would ask the database). It names the cluster from the
settings (``CLUSTER_NAME``/``CLUSTER_NAME_EN``), links only the stylesheet, and has no
inline script or style, so the CSP holds. ``/healthz`` never raises (its checks catch
their failures) and keeps answering in JSON.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

DATABASE_OUTAGE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_MARK = "_database_outage"


def _note_outage(sender, request=None, **kwargs) -> None:
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_OUTAGE):
        setattr(request, _MARK, True)


got_request_exception.connect(_note_outage, dispatch_uid="core.outage.note_outage")


def outage_response() -> HttpResponse:
    language = get_language() or settings.LANGUAGE_CODE
    name = settings.CLUSTER_NAME_EN if language.startswith("en") else settings.CLUSTER_NAME
    html = render_to_string("503.html", {"cluster_name": name, "LANGUAGE_CODE": language})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _MARK, False):
            return outage_response()
        return response
