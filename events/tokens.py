"""Signed links of a guest's registration (confirm, cancel): guests have no account to
log in to. Read by the services and the views, written into the emails."""

from __future__ import annotations

from django.core import signing

from .models import Registration

TOKEN_SALT = "events.registration"  # noqa: S105 - a signing salt, not a secret


def registration_token(registration: Registration, action: str) -> str:
    return signing.dumps({"r": registration.pk, "a": action}, salt=TOKEN_SALT, compress=True)


def registration_from_token(token: str, action: str, *, max_age: int | None = None) -> Registration | None:
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != action:
        return None
    return Registration.objects.select_related("event", "user").filter(pk=data.get("r")).first()
