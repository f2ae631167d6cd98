"""Every transactional email of the portal goes through here, the outbox and a Celery task.

``queue_email`` renders subject, text and HTML in the recipient's language at once (so
the content is what the user saw when they acted), writes it as an outbox row
(``core.models.OutboundEmail``) in the surrounding transaction and queues
``core.tasks.send_email`` with the row's id after that transaction commits. The task only
delivers (``core.outbox.deliver``), with retries and exponential backoff on SMTP and
network errors; nothing is sent inside a web request.

A double click must not send twice: a caller that knows what makes a repeat the same
email passes ``dedupe_key`` (kind, recipient and object, e.g.
``events/guest_confirm:registration:12``), and no second row with that key is written
within ``OUTBOX_REPEAT_WINDOW_MINUTES`` (writers of one key wait for each other on a
PostgreSQL advisory lock, so two requests at the same moment cannot both pass).

A template name ``members/emails/inquiry`` means three files:
``members/emails/inquiry_subject.txt``, ``…/inquiry.txt`` and ``…/inquiry.html``
(the HTML one extends ``emails/base.html``: inline CSS, tables, no external images).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from core.branding import cluster_name

from . import outbox
from .mailwire import to_django_message
from .models import OutboundEmail
from .tasks import send_email

__all__ = ["build_message", "queue_email", "queue_emails", "render_email", "resend", "to_django_message"]


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


def queue_email(
    *, kind: str = "", dedupe_key: str = "", dedupe_window: timedelta | None = None, **kwargs
) -> OutboundEmail | None:
    """Render now, store as an outbox row, send from a worker once the current transaction
    has committed. Returns the row, or None when ``dedupe_key`` found the same email
    written within the window (nothing is stored or sent; the caller answers as usual).

    ``kind`` names the email in the admin (the template's name unless given); the other
    arguments are those of ``build_message``.
    """
    if dedupe_key:
        with transaction.atomic():  # the advisory lock lasts until the outer transaction ends
            window = dedupe_window or timedelta(minutes=settings.OUTBOX_REPEAT_WINDOW_MINUTES)
            outbox.lock_repeat_key(dedupe_key)
            if outbox.recently_queued(dedupe_key, window):
                return None
            return _store_and_queue(kind=kind, dedupe_key=dedupe_key, **kwargs)
    # One INSERT and nothing else, so a sender of many emails pays one query for each.
    return _store_and_queue(kind=kind, dedupe_key="", **kwargs)


def _store_and_queue(*, kind: str, dedupe_key: str, **kwargs) -> OutboundEmail:
    message = build_message(**kwargs)
    email = outbox.store(
        message=message, kind=kind or kwargs["template"], language=kwargs["language"], dedupe_key=dedupe_key
    )
    _queue_after_commit([email.pk])
    return email


def queue_emails(emails: Iterable[dict]) -> list[OutboundEmail]:
    """Many emails at once (a lead's alerts, say): each item holds ``queue_email``'s
    arguments without a repeat key; all rows are written in one INSERT, so a sender of
    many emails pays the same number of queries for five recipients as for five hundred."""
    items = []
    for arguments in emails:
        arguments = dict(arguments)
        kind = arguments.pop("kind", "") or arguments["template"]
        items.append((build_message(**arguments), kind, arguments["language"]))
    if not items:
        return []
    rows = outbox.store_many(items)
    _queue_after_commit([row.pk for row in rows])
    return rows


def resend(queryset) -> int:
    """The coordinator's "Resend": failed and sent rows are queued again; returns how many."""
    ids = outbox.mark_for_resending(queryset)
    _queue_after_commit(ids)
    return len(ids)


def _queue_after_commit(ids: list[int]) -> None:
    def queue() -> None:
        for email_id in ids:
            send_email.delay(email_id=email_id)

    if ids:
        # robust: a broker that is down must not turn a committed action into an error
        # page; the rows are stored, and the sweep (core.tasks.requeue_stale_emails) sends them.
        transaction.on_commit(queue, robust=True)
