"""Request-level guards and bookkeeping that every response goes through.

* ``RequestIdMiddleware`` gives each request an id (the proxy's ``X-Request-ID`` when it
  sends a sane one), puts it in every log record of the request and in the response's
  ``X-Request-ID`` header, so a user's report, the proxy's log and ours meet.
* ``RejectNulBytesMiddleware`` answers 400 to a NUL byte in an admin path or query
  string: PostgreSQL cannot take one, and the admin's filters and search would otherwise
  end in a 500. The portal's own pages already ignore such a value as any invalid filter
  (their tests say so), and form fields refuse them (``ProhibitNullCharactersValidator``).
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from urllib.parse import unquote_to_bytes

from django.core.signals import request_finished
from django.http import HttpResponseBadRequest

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        # Not reset on the way out: Django logs "Not Found" and errors after the middleware
        # returns; request_finished (below) forgets it once the response is sent.
        request_id_var.set(request.request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


def _forget_request_id(**_kwargs) -> None:
    request_id_var.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="core.middleware.forget_request_id")


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw_path = request.META.get("PATH_INFO", "")
        query = request.META.get("QUERY_STRING", "")
        if raw_path.startswith("/admin/") and (
            "\x00" in raw_path or b"\x00" in unquote_to_bytes(query.replace("+", " "))
        ):
            return HttpResponseBadRequest("NUL bytes are not allowed.", content_type="text/plain")
        return self.get_response(request)
