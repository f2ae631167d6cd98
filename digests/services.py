"""Writes of the digest area: planning deliveries, sending batches, sweeping, and the
user's preference.

Exactly once, step by step:

1. ``plan_deliveries`` inserts one ``DigestDelivery`` per subscriber and period with
   ``INSERT … ON CONFLICT DO NOTHING`` (the unique constraint on user, frequency and
   period), so a second beat run or a second beat process adds nothing.
2. ``send_batch`` claims due rows with ``SELECT … FOR UPDATE SKIP LOCKED`` and, in the
   same committed transaction, puts them in state "sending" with a lease
   (``locked_until``), the holder (the Celery task id) and a fresh Message-ID — all
   before the first byte goes to the SMTP server. A task delivered twice, or run by two
   workers at once, finds nothing left to claim; a batch that the broker redelivers or
   that Celery retries (same task id) re-claims its own rows at once.
3. Messages go out over one SMTP connection. The moment the server accepts one, its
   acceptance is written to Redis under the Message-ID, and the row is marked sent in
   its own committed UPDATE. When that UPDATE loses its connection
   (``OperationalError``/``InterfaceError``: pg_terminate_backend, a restart, a
   failover) it reconnects and retries with backoff, holding the fact in memory; the
   message is never sent again. A row found later in "sending" (its worker died, or
   the database stayed away) is marked sent if its Message-ID was accepted, and sent
   again only if it was not. The one window left: the worker process killed between
   the server's "250 OK" and the Redis write, a few microseconds.
4. A lost database connection anywhere else ends the task with the rows still leased
   to it; the task retries (autoretry, backoff) and re-claims them. A transient SMTP
   error releases the unsent rows and the task retries with exponential backoff; after
   the last retry, or on any other error, the rows are marked failed with the error,
   and the coordinator can resend them from the admin.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import smtplib
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.header import Header
from urllib.parse import urlsplit

import redis
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import InterfaceError, OperationalError, transaction
from django.db import connection as db_connection
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
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
    """Save the user's choice. Coming back from "off" raises the subscription version, so
    unsubscribe links from before stop working (they would otherwise undo this choice)."""
    preference, created = DigestPreference.objects.select_for_update().get_or_create(
        user=user, defaults={"frequency": frequency, "sections": list(sections)}
    )
    if not created:
        if preference.frequency == Frequency.OFF and frequency != Frequency.OFF:
            preference.subscription_version += 1
        preference.frequency, preference.sections = frequency, list(sections)
        preference.save()
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


def _message_id_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def claim(delivery_ids: list[int], *, holder: str = "") -> list[DigestDelivery]:
    """Lease the due rows nobody else holds and give each a new Message-ID, in one
    committed transaction before anything goes to the SMTP server (2 queries, plus one
    per row found in "sending" whose message turns out to have been accepted).

    Due means pending, or "sending" from a batch that never finished (its lease ran out,
    or ``holder`` — this task's id — is the batch itself, delivered again by the broker
    or retried). A "sending" row is sent again only when no acceptance was recorded
    under its Message-ID; when the record cannot be read (Redis away) it is left alone
    for a later sweep rather than risk a second copy.
    """
    now = timezone.now()
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    if holder:
        free |= Q(claimed_by=holder)
    token = uuid.uuid4().hex[:16]
    with transaction.atomic():
        rows = list(
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=delivery_ids, state__in=[State.PENDING, State.SENDING])
            .filter(free)
            .order_by("pk")
        )
        rows = _settle_accepted(rows, now=now)
        if rows:
            DigestDelivery.objects.filter(pk__in=[row.pk for row in rows]).update(
                state=State.SENDING,
                locked_until=now + dt.timedelta(seconds=lease_seconds()),
                attempts=F("attempts") + 1,
                updated_at=now,
                claimed_by=holder,
                message_id=Concat(
                    Value("<digest."),
                    Cast("pk", CharField()),
                    Value(f".{token}@{_message_id_domain()}>"),
                    output_field=CharField(),
                ),
            )
    for row in rows:
        row.state, row.claimed_by = State.SENDING, holder
        row.message_id = f"<digest.{row.pk}.{token}@{_message_id_domain()}>"
    return rows


def _settle_accepted(rows: list[DigestDelivery], *, now: dt.datetime) -> list[DigestDelivery]:
    """Mark sent the "sending" rows whose message the server accepted; return the rest
    that may be sent (pending rows, and sending rows with no acceptance recorded)."""
    sending = [row for row in rows if row.state == State.SENDING and row.message_id]
    if not sending:
        return rows
    try:
        accepted = accepted_messages([row.message_id for row in sending])
    except ACCEPTANCE_STORE_ERRORS as exc:
        logger.warning("digest: cannot read accepted messages (%s); leaving %d rows", type(exc).__name__, len(sending))
        undecided = {row.pk for row in sending}
        return [row for row in rows if row.pk not in undecided]
    for row in sending:
        if row.message_id in accepted:
            record = accepted[row.message_id]
            DigestDelivery.objects.filter(pk=row.pk).update(
                state=State.SENT,
                sent_at=dt.datetime.fromisoformat(record["at"]),
                updated_at=now,
                locked_until=None,
                last_error="",
                subject=record["subject"],
                summary=record["summary"],
            )
    return [row for row in rows if row.message_id not in accepted]


# --- The record of accepted messages ----------------------------------------------------
#
# Written to Redis the moment the SMTP server says 250, before the row's UPDATE to
# "sent": a lost or killed database connection cannot take it away, and a worker that
# dies before it could mark the row leaves it for the next claim to find. Kept for a
# week, far longer than any lease, retry or sweep.

ACCEPTED_KEY = "digests:accepted:{}"
ACCEPTED_TTL = 7 * 24 * 3600
ACCEPTANCE_STORE_ERRORS = (redis.RedisError, OSError)


def _acceptance_store() -> redis.Redis:
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"], socket_timeout=2, socket_connect_timeout=1)


def record_accepted(message_id: str, *, subject: str, summary: dict, at: dt.datetime) -> bool:
    """Remember that the server accepted ``message_id``; False when Redis is away (the
    row's own UPDATE, retried, is then the only record)."""
    payload = json.dumps({"subject": subject, "summary": summary, "at": at.isoformat()})
    try:
        _acceptance_store().set(ACCEPTED_KEY.format(message_id), payload, ex=ACCEPTED_TTL)
    except ACCEPTANCE_STORE_ERRORS as exc:
        logger.warning("digest: could not record acceptance of %s (%s)", message_id, type(exc).__name__)
        return False
    return True


def accepted_messages(message_ids: list[str]) -> dict[str, dict]:
    """The acceptance records of these Message-IDs that exist; raises when Redis is away."""
    values = _acceptance_store().mget([ACCEPTED_KEY.format(m) for m in message_ids])
    return {m: json.loads(v) for m, v in zip(message_ids, values, strict=True) if v is not None}


def _finish(ids: list[int], **values) -> None:
    """Close claimed rows that were not sent: failed, skipped, or (without a state)
    released to pending for a retry or the sweep."""
    if ids:
        values.setdefault("state", State.PENDING)
        DigestDelivery.objects.filter(pk__in=ids, state=State.SENDING).update(
            locked_until=None, claimed_by="", updated_at=timezone.now(), **values
        )


def _mark_sent(row: DigestDelivery, **values) -> None:
    """Record that the server accepted this row's message. A lost connection (a
    restarted server, pg_terminate_backend, a failover) is retried on a new one with
    backoff for about half a minute; the message is never sent again meanwhile."""
    delay = MARK_FIRST_DELAY
    for attempt in range(MARK_ATTEMPTS):
        try:
            if attempt:
                _set_asynchronous_commit()
            DigestDelivery.objects.filter(pk=row.pk, state=State.SENDING, message_id=row.message_id).update(
                state=State.SENT, locked_until=None, last_error="", **values
            )
            return
        except DATABASE_DISCONNECTS:
            if attempt == MARK_ATTEMPTS - 1:
                raise
            logger.warning("digest: lost the database marking %s sent; reconnecting", row.message_id)
            db_connection.close()
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


MARK_ATTEMPTS = 12  # 0.05 s doubling up to 5 s: ~30 s in all
MARK_FIRST_DELAY = 0.05
DATABASE_DISCONNECTS = (OperationalError, InterfaceError)


def send_batch(*, delivery_ids: list[int], final_attempt: bool = True, holder: str = "") -> BatchResult:
    """Send the digests of these deliveries that are still due (see the module doc)."""
    counter = _QueryCounter()
    with db_connection.execute_wrapper(counter), _asynchronous_commit():
        result = _send_batch(delivery_ids, final_attempt=final_attempt, holder=holder)
    result.queries = counter.count
    if result.claimed:
        _record_stats(result)
    logger.info(
        "digest batch: claimed=%d sent=%d skipped=%d failed=%d queries=%d",
        result.claimed, result.sent, result.skipped, result.failed, result.queries,
    )  # fmt: skip
    return result


def _set_asynchronous_commit() -> None:
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")


@contextlib.contextmanager
def _asynchronous_commit():
    """Commit the batch's writes without waiting for the WAL flush (one fsync per
    message would cap a worker at the disk's flush rate).

    The marks are committed and visible to every worker at once, so a killed worker,
    a retry or a redelivered task never re-sends. Only a crash of PostgreSQL itself
    within ~0.6 s (3 × wal_writer_delay) of a message could lose its mark; the Redis
    record of the acceptance still keeps that digest from going out again.
    """
    _set_asynchronous_commit()
    try:
        yield
    finally:
        try:
            with db_connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DATABASE_DISCONNECTS:
            db_connection.close()  # a new connection starts with the default anyway


def _send_batch(delivery_ids: list[int], *, final_attempt: bool, holder: str) -> BatchResult:
    result = BatchResult()
    rows = claim(delivery_ids, holder=holder)
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
                headers={**parts["headers"], "Message-ID": row.message_id},
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
            # Accepted: from here on this message is never sent again, whatever fails.
            open_ids.remove(row.pk)
            sent_at, subject, summary = timezone.now(), message["subject"][:250], summarise(sections)
            record_accepted(row.message_id, subject=subject, summary=summary, at=sent_at)
            _mark_sent(row, sent_at=sent_at, updated_at=sent_at, subject=subject, summary=summary)
            result.sent += 1
    except DATABASE_DISCONNECTS:
        # The database went away: nothing can be written now. The rows stay leased to
        # this task, whose retry (same id) re-claims them at once; an accepted message
        # is recognised by its recorded Message-ID and not sent again.
        skipped.clear()
        raise
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
    """Rows nobody touched for a while (a worker died, a message got lost): release their
    lease and return them in batches to queue again. A row left in "sending" keeps its
    state and Message-ID, so the claim can tell whether its message went out."""
    stale_after = lease_seconds() if stale_after_seconds is None else stale_after_seconds
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .filter(state__in=[State.PENDING, State.SENDING], updated_at__lte=now - dt.timedelta(seconds=stale_after))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        DigestDelivery.objects.filter(pk__in=ids).update(locked_until=None, claimed_by="", updated_at=now)
    return chunk(ids, batch_size())


@transaction.atomic
def resend_failed(*, deliveries) -> list[int]:
    """Put failed deliveries back to pending (the caller queues them)."""
    ids = [d.pk for d in deliveries if d.state == State.FAILED]
    DigestDelivery.objects.filter(pk__in=ids, state=State.FAILED).update(
        state=State.PENDING, locked_until=None, updated_at=timezone.now()
    )
    return ids
