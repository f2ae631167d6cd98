"""Every transactional email of the portal goes through here and a Celery task.

``queue_email`` renders subject, text and HTML in the recipient's language at once (so
the content is what the user saw when they acted) and queues
``core.tasks.send_email`` after the surrounding transaction commits. The task only
delivers, with retries and exponential backoff on SMTP and network errors; nothing is
sent inside a web request.

A template name ``members/emails/inquiry`` means three files:
``members/emails/inquiry_subject.txt``, ``…/inquiry.txt`` and ``…/inquiry.html``
(the HTML one extends ``emails/base.html``: inline CSS, tables, no external images).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from core.branding import cluster_name

from .mailwire import to_django_message
from .tasks import send_email

__all__ = ["build_message", "queue_email", "render_email", "to_django_message"]


def render_email(*, template: str, context: dict, language: str) -> dict[str, str]:
    with translation.override(language):
        full_context = {"site_url": settings.SITE_URL, "language": language, **context}
        full_context.setdefault("cluster_name", cluster_name(language))
        subject = " ".join(render_to_string(f"{template}_subject.txt", full_context, using="text").split())
        text = render_to_string(f"{template}.txt", full_context, using="text")
        html = render_to_string(f"{template}.html", full_context)
    return {"subject": subject, "text": text, "html": html}


def build_message(
    *,
    to: Iterable[str],
    template: str,
    context: dict,
    language: str,
    reply_to: Iterable[str] = (),
    cc: Iterable[str] = (),
    headers: dict[str, str] | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> dict:
    """A JSON-serialisable description of one email (the task's argument)."""
    rendered = render_email(template=template, context=context, language=language)
    return {
        **rendered,
        "to": list(to),
        "cc": list(cc),
        "reply_to": list(reply_to),
        "headers": dict(headers or {}),
        "attachments": [
            {"filename": name, "content": base64.b64encode(content).decode(), "mimetype": mimetype}
            for name, content, mimetype in attachments
        ],
    }


def queue_email(**kwargs) -> None:
    """Render now, send from a worker once the current transaction has committed."""

    message = build_message(**kwargs)
    transaction.on_commit(lambda: send_email.delay(message=message))
