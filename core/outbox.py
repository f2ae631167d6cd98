"""The outbox: every transactional email is a row (``core.models.OutboundEmail``) before it
is sent, and a worker sends the row, not a message it was handed.

Writing rows and queueing their task is ``core.emails.queue_email``; this module holds
what works on the rows without queueing anything, so that ``core.tasks`` can use it
without importing the code that queues tasks.

Delivery (``deliver``) locks the row with ``SELECT … FOR UPDATE SKIP LOCKED`` and keeps
the lock while the SMTP server takes the message, then marks it sent in the same
transaction. A task delivered twice (a broker redelivery, a resend pressed twice) finds
the row locked by the first or already sent and does nothing. A worker killed during the
send rolls the transaction back, so the redelivered task sends it: at least once, never
a second time after the row says "sent".
"""

from __future__ import annotations

import hashlib
import random
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .mailwire import to_django_message
from .models import OutboundEmail
from .smtp import TemporarySmtpRefusal, classify

State = OutboundEmail.State

# Transient delivery problems worth another try: no connection, or a 4xx reply to any
# command (RCPT included: greylisting). A 5xx reply (a bad address the server rejects for
# good) fails the row at once.
TRANSIENT_EMAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    TemporarySmtpRefusal,
    ConnectionError,
    TimeoutError,
)
# The first try and eight retries, backing off 5 s, 10 s, 20 s … up to 10 minutes.
MAX_ATTEMPTS = 9
BACKOFF_SECONDS = 5
BACKOFF_MAX_SECONDS = 600
# A queued row untouched this long has lost its task (the longest backoff is 10 minutes).
STALE_AFTER = timedelta(minutes=30)


@dataclass
class RetryLater(Exception):  # noqa: N818 - an instruction, not an error
    """The send failed for a reason that may pass; try again after ``countdown`` seconds."""

    error: BaseException
    countdown: float


def backoff(attempts: int) -> float:
    """Full jitter over an exponential ceiling, as Celery's ``retry_jitter`` does."""
    ceiling = min(BACKOFF_MAX_SECONDS, BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - spreading retries, not a secret


def recipients_of(message: dict) -> str:
    return ", ".join([*message.get("to", []), *message.get("cc", [])])[:1000]


def lock_repeat_key(key: str) -> None:
    """Serialise writers of the same repeat key until the transaction ends, so that of two
    identical requests at the same moment the second sees the first's row."""
    number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def recently_queued(key: str, window: timedelta) -> bool:
    """A row with this key written within the window and not failed (a failed one is no
    reason to withhold a new try)."""
    return (
        OutboundEmail.objects.filter(dedupe_key=key, created_at__gte=timezone.now() - window)
        .exclude(state=State.FAILED)
        .exists()
    )


def store(*, message: dict, kind: str, language: str, dedupe_key: str = "") -> OutboundEmail:
    return OutboundEmail.objects.create(
        kind=kind[:200],
        recipients=recipients_of(message),
        language=language,
        subject=message.get("subject", "")[:500],
        message=message,
        dedupe_key=dedupe_key[:300],
    )


def store_many(items: list[tuple[dict, str, str]]) -> list[OutboundEmail]:
    """(message, kind, language) for each email: one INSERT for all of them."""
    return OutboundEmail.objects.bulk_create(
        [
            OutboundEmail(
                kind=kind[:200],
                recipients=recipients_of(message),
                language=language,
                subject=message.get("subject", "")[:500],
                message=message,
            )
            for message, kind, language in items
        ]
    )


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def deliver(*, email_id: int) -> str:
    """Send one queued row; returns what happened ("sent" or "skipped").

    Raises ``RetryLater`` for a transient failure before the last attempt; the error
    itself when the row has failed for good (a 5xx reply, the last attempt, or a bug in
    building the message: the row says so and the task's log shows the traceback).
    """
    failure: BaseException | None = None
    retry = False
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id, state=State.QUEUED).first()
        )
        if email is None:
            return "skipped"  # sent or failed already, or another worker is sending it
        email.attempts += 1
        try:
            to_django_message(email.message).send()
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as exc:
            failure = classify(exc)
        except Exception as exc:  # noqa: BLE001 - recorded on the row, then raised again below
            failure = exc
        if failure is None:
            email.state = State.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
        else:
            retry = isinstance(failure, TRANSIENT_EMAIL_ERRORS) and email.attempts < MAX_ATTEMPTS
            email.state = State.QUEUED if retry else State.FAILED
            email.last_error = _describe(failure)
            email.queued_at = timezone.now()  # its retry is on the way: not stale
        email.save(update_fields=["state", "attempts", "sent_at", "last_error", "queued_at"])
    if failure is None:
        return "sent"
    if retry:
        raise RetryLater(error=failure, countdown=backoff(email.attempts))
    raise failure


def mark_for_resending(queryset) -> list[int]:
    """Failed and sent rows back to "queued" with a fresh count of attempts; the ids of the
    rows to queue. A row already queued is left as it is (its task is on the way)."""
    with transaction.atomic():
        ids = list(
            queryset.select_for_update().filter(state__in=[State.FAILED, State.SENT]).values_list("pk", flat=True)
        )
        OutboundEmail.objects.filter(pk__in=ids).update(
            state=State.QUEUED, attempts=0, last_error="", sent_at=None, queued_at=timezone.now()
        )
    return ids


def stale_queued_ids(*, older_than: timedelta, now=None) -> list[int]:
    """Queued rows whose task has not come for a long time: the broker was away when they
    were written, or lost the task. Their task is queued again (sending stays once)."""
    now = now or timezone.now()
    return list(
        OutboundEmail.objects.filter(state=State.QUEUED, queued_at__lt=now - older_than).values_list("pk", flat=True)[
            :1000
        ]
    )


def purge_old(*, now=None) -> dict[str, int]:
    """Sent rows older than ``OUTBOX_RETENTION_DAYS`` go; failed rows stay twice as long
    (until resent, they are the coordinator's to-do list); queued rows are never deleted."""
    now = now or timezone.now()
    days = settings.OUTBOX_RETENTION_DAYS
    sent, _ = OutboundEmail.objects.filter(state=State.SENT, sent_at__lt=now - timedelta(days=days)).delete()
    failed, _ = OutboundEmail.objects.filter(state=State.FAILED, created_at__lt=now - timedelta(days=2 * days)).delete()
    return {"sent": sent, "failed": failed}
