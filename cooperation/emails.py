"""The cooperation area's emails: one per recipient, in the recipient's language, each
with the link to the cooperation email settings and a one-click unsubscribe from that
kind of email (``List-Unsubscribe`` with ``List-Unsubscribe-Post``, as the digest has).

The unsubscribe link carries the user and the kind of email, signed; it does not
expire, so an old email's link still works.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.emails import queue_email

UNSUBSCRIBE_SALT = "cooperation.unsubscribe"
# Kind of email -> the preference flag its unsubscribe link turns off.
FLAGS = {
    "alerts": "instant_request_alerts",
    "replies": "reply_notifications",
    "reminders": "call_reminders",
}


def absolute(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{user_id}:{kind}")


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind); raises signing.BadSignature for a forged or unknown token."""
    value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    user_id, _, kind = value.partition(":")
    if not user_id.isdigit() or kind not in FLAGS:
        raise signing.BadSignature("not an unsubscribe token")
    return int(user_id), kind


def language_of(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def send(*, user, kind: str, template: str, context: dict) -> None:
    """Queue one email of ``kind`` to ``user`` in their language (after commit)."""
    language = language_of(user)
    unsubscribe = absolute("cooperation:unsubscribe", language, token=unsubscribe_token(user.pk, kind))
    with translation.override(language):
        queue_email(
            to=[user.email],
            template=template,
            context={
                "user_name": user.get_short_name(),
                "preferences_url": absolute("cooperation:preferences", language),
                "unsubscribe_url": unsubscribe,
                "email_kind": kind,
                **context,
            },
            language=language,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
