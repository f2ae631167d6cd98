"""Writes of the digest area: planning deliveries, sending batches, sweeping, and the
user's preference.

Exactly once, step by step:

1. ``plan_deliveries`` inserts one ``DigestDelivery`` per subscriber and period with
   ``INSERT … ON CONFLICT DO NOTHING`` (the unique constraint on user, frequency and
   period), so a second beat run or a second beat process adds nothing.
2. ``send_batch`` claims pending rows with ``SELECT … FOR UPDATE SKIP LOCKED`` and
   leases them (``locked_until``), so a task delivered twice, or run by two workers at
   once, finds nothing left to claim. Rows already sent are never claimed again.
3. Messages go out over one SMTP connection; each row is marked sent, in its own
   committed UPDATE, right after the server accepted its message. A worker killed
   mid-batch leaves the unsent rows pending and leased; ``sweep_stale`` queues them
   again once the lease is over. (The one unavoidable window: a kill between the
   server's "250 OK" and that UPDATE re-sends that single message.)
4. A transient SMTP error releases the unsent rows and the task retries with
   exponential backoff; after the last retry, or on any other error, the rows are
   marked failed with the error, and the coordinator can resend them from the admin.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.header import Header

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.emails import build_message, to_django_message
from core.smtp import TemporarySmtpRefusal, classify

from .content import assemble, email_parts, shared_content, summarise
from .models import DigestDelivery, DigestPreference, Frequency
from .periods import Period, period_from_key, previous_period
from .selectors import recipients_for, subscribers

logger = logging.getLogger(__name__)

TEMPLATE = "digests/emails/digest"
State = DigestDelivery.State

# Transient delivery problems worth another try (the same rule as core.tasks: a 4xx
# reply to DATA, HELO or MAIL FROM; core.smtp).
TRANSIENT_SMTP_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPDataError,
    smtplib.SMTPHeloError,
    smtplib.SMTPSenderRefused,
    ConnectionError,
    TimeoutError,
)
# The server refused this one address for good: fail the row, keep the batch going.
PERMANENT_RECIPIENT_ERRORS = (smtplib.SMTPRecipientsRefused,)

STATS_QUERIES = "digests:stats:queries"
STATS_DIGESTS = "digests:stats:rows"


def batch_size() -> int:
    return getattr(settings, "DIGEST_BATCH_SIZE", 100)


def lease_seconds() -> int:
    return getattr(settings, "DIGEST_LEASE_SECONDS", 600)


# --- Preferences ----------------------------------------------------------------------


@transaction.atomic
def preference_update(*, user, frequency: str, sections: Iterable[str]) -> DigestPreference:
    preference, _ = DigestPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency, "sections": list(sections)}
    )
    return preference


@transaction.atomic
def unsubscribe(*, user) -> DigestPreference:
    """Turn the digest off and keep the chosen sections for a later comeback."""
    preference, created = DigestPreference.objects.get_or_create(user=user, defaults={"frequency": Frequency.OFF})
    if not created and preference.frequency != Frequency.OFF:
        preference.frequency = Frequency.OFF
        preference.save(update_fields=["frequency", "updated_at"])
    return preference


# --- Planning -------------------------------------------------------------------------


def plan_deliveries(*, frequency: str, moment: dt.datetime | None = None) -> tuple[Period, list[list[int]]]:
    """Create the period's deliveries (idempotent) and return batches of pending IDs."""
    period = previous_period(frequency, moment)
    rows = [
        DigestDelivery(
            user_id=user_id,
            frequency=frequency,
            period_start=period.start,
            period_end=period.end,
            language=language,
        )
        for user_id, language in subscribers(frequency).iterator(chunk_size=5000)
    ]
    DigestDelivery.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    pending = list(
        DigestDelivery.objects.filter(frequency=frequency, period_start=period.start, state=State.PENDING)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=timezone.now()))
        .order_by("language", "pk")
        .values_list("pk", flat=True)
    )
    return period, chunk(pending, batch_size())


def chunk(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


# --- Sending --------------------------------------------------------------------------


@dataclass
class BatchResult:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    queries: int = 0
    errors: list[str] = field(default_factory=list)


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def claim(delivery_ids: list[int]) -> list[DigestDelivery]:
    """Lease the pending rows nobody else holds; 2 queries in one transaction."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=delivery_ids, state=State.PENDING)
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
            .order_by("pk")
        )
        if rows:
            DigestDelivery.objects.filter(pk__in=[row.pk for row in rows]).update(
                locked_until=now + dt.timedelta(seconds=lease_seconds()), attempts=F("attempts") + 1, updated_at=now
            )
    return rows


def _finish(ids: list[int], **values) -> None:
    if ids:
        DigestDelivery.objects.filter(pk__in=ids, state=State.PENDING).update(
            locked_until=None, updated_at=timezone.now(), **values
        )


def send_batch(*, delivery_ids: list[int], final_attempt: bool = True) -> BatchResult:
    """Send the digests of these deliveries that are still due (see the module doc)."""
    counter = _QueryCounter()
    with db_connection.execute_wrapper(counter), _asynchronous_commit():
        result = _send_batch(delivery_ids, final_attempt=final_attempt)
    result.queries = counter.count
    if result.claimed:
        _record_stats(result)
    logger.info(
        "digest batch: claimed=%d sent=%d skipped=%d failed=%d queries=%d",
        result.claimed, result.sent, result.skipped, result.failed, result.queries,
    )  # fmt: skip
    return result


@contextlib.contextmanager
def _asynchronous_commit():
    """Commit the batch's writes without waiting for the WAL flush (one fsync per
    message would cap a worker at the disk's flush rate).

    The marks are committed and visible to every worker at once, so a killed worker,
    a retry or a redelivered task never re-sends. Only a crash of PostgreSQL itself
    within ~0.6 s (3 × wal_writer_delay) of a message could lose its mark and send that
    digest again after recovery.
    """
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _send_batch(delivery_ids: list[int], *, final_attempt: bool) -> BatchResult:
    result = BatchResult()
    rows = claim(delivery_ids)
    result.claimed = len(rows)
    if not rows:
        return result
    recipients = recipients_for([row.user_id for row in rows], until=max(row.period_end for row in rows))
    skipped: list[int] = []
    contents: dict[tuple[str, str], dict] = {}  # shared content, fetched once per batch
    open_ids = [row.pk for row in rows]  # claimed and not finished yet
    smtp = None
    try:
        for row in rows:
            recipient = recipients.get(row.user_id)
            if recipient is not None and recipient.frequency != row.frequency:
                recipient = None  # unsubscribed or switched frequency since the planner ran
            period = period_from_key(row.frequency, row.period_start)
            if recipient is not None:
                recipient.language = row.language or recipient.language
            content = None
            if recipient is not None:
                key = (period.key, recipient.language)
                content = contents.get(key) or contents.setdefault(key, shared_content(period, recipient.language))
            sections = assemble(content, recipient, period) if recipient else []
            if not sections:
                skipped.append(row.pk)
                open_ids.remove(row.pk)
                continue
            parts = email_parts(content=content, recipient=recipient, sections=sections)
            message = build_message(
                to=[recipient.email],
                template=TEMPLATE,
                context=parts["context"],
                language=recipient.language,
                headers=parts["headers"],
            )
            if smtp is None:
                smtp = get_connection(fail_silently=False)
                smtp.open()
            try:
                wire = {**message, "subject": encoded_subject(message["subject"])}
                smtp.send_messages([to_django_message(wire, connection=smtp)])
            except PERMANENT_RECIPIENT_ERRORS as exc:
                if isinstance(classify(exc), TemporarySmtpRefusal) and not final_attempt:
                    # Greylisted (4xx to RCPT): the row stays due; the sweep sends it again.
                    _finish([row.pk], last_error=repr(exc)[:2000])
                    open_ids.remove(row.pk)
                    continue
                _finish([row.pk], state=State.FAILED, last_error=repr(exc)[:2000])
                open_ids.remove(row.pk)
                result.failed += 1
                continue
            DigestDelivery.objects.filter(pk=row.pk, state=State.PENDING).update(
                state=State.SENT,
                sent_at=timezone.now(),
                updated_at=timezone.now(),
                locked_until=None,
                last_error="",
                subject=message["subject"][:250],
                summary=summarise(sections),
            )
            open_ids.remove(row.pk)
            result.sent += 1
    except (*TRANSIENT_SMTP_ERRORS, SoftTimeLimitExceeded) as exc:
        if final_attempt and not isinstance(exc, SoftTimeLimitExceeded):
            _finish(open_ids, state=State.FAILED, last_error=repr(exc)[:2000])
            result.failed += len(open_ids)
        else:
            # Released for the retry (or, after a time limit, for the sweep).
            _finish(open_ids, last_error=repr(exc)[:2000])
        raise
    except Exception as exc:
        # A bug, not the mail server: retrying would fail the same way.
        _finish(open_ids, state=State.FAILED, last_error=repr(exc)[:2000])
        raise
    finally:
        _finish(skipped, state=State.SKIPPED)
        result.skipped = len(skipped)
        if smtp is not None:
            smtp.close()
    return result


@functools.lru_cache(maxsize=256)
def encoded_subject(subject: str) -> str:
    """The subject as RFC 2047 encoded words, computed once for everyone in a period
    and language (the email package's per-character encoding is the costliest step of
    building a message). An ASCII header is passed through unchanged by Django."""
    try:
        subject.encode("ascii")
    except UnicodeEncodeError:
        return Header(subject, "utf-8").encode(linesep=" ")
    return subject


def _record_stats(result: BatchResult) -> None:
    """Counters the benchmark reads (queries per digest); cheap Redis increments."""
    for key, value in ((STATS_QUERIES, result.queries), (STATS_DIGESTS, result.claimed)):
        cache.add(key, 0, timeout=None)
        try:
            cache.incr(key, value)
        except ValueError:
            cache.set(key, value, timeout=None)


# --- Recovery -------------------------------------------------------------------------


def sweep_stale(*, stale_after_seconds: int | None = None) -> list[list[int]]:
    """Pending rows nobody touched for a while (a worker died, a message got lost):
    release their lease and return them in batches to queue again."""
    stale_after = lease_seconds() if stale_after_seconds is None else stale_after_seconds
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .filter(state=State.PENDING, updated_at__lte=now - dt.timedelta(seconds=stale_after))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        DigestDelivery.objects.filter(pk__in=ids).update(locked_until=None, updated_at=now)
    return chunk(ids, batch_size())


@transaction.atomic
def resend_failed(*, deliveries) -> list[int]:
    """Put failed deliveries back to pending (the caller queues them)."""
    ids = [d.pk for d in deliveries if d.state == State.FAILED]
    DigestDelivery.objects.filter(pk__in=ids, state=State.FAILED).update(
        state=State.PENDING, locked_until=None, updated_at=timezone.now()
    )
    return ids
