"""Celery tasks of the shared machinery: the heartbeat, and the outbox's delivery,
sweep and retention (``core.outbox`` does the work)."""

from celery import current_task, shared_task
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import outbox
from .outbox import TRANSIENT_EMAIL_ERRORS

__all__ = ["TRANSIENT_EMAIL_ERRORS", "echo", "heartbeat", "purge_outbox", "requeue_stale_emails", "send_email"]


@shared_task(name="core.tasks.heartbeat")
def heartbeat() -> str:
    """Run by beat; the timestamp it leaves in the cache shows that beat and a worker live."""
    stamp = timezone.now().isoformat()
    cache.set("core:heartbeat", stamp, timeout=None)
    return stamp


@shared_task(name="core.tasks.echo")
def echo(*, value: str) -> dict[str, str]:
    """Return the value with the worker's host name (used by tests and health checks)."""

    return {"value": value, "hostname": current_task.request.hostname or ""}


@shared_task(name="core.tasks.send_email", bind=True, acks_late=True, max_retries=outbox.MAX_ATTEMPTS)
def send_email(self, *, email_id: int | None = None, message: dict | None = None) -> str:
    """Deliver one outbox row. ``message`` is what tasks queued before the outbox carried
    (still in the broker during an upgrade): it becomes a row first."""
    if email_id is None:
        email_id = outbox.store(message=message, kind="", language="").pk
    try:
        return outbox.deliver(email_id=email_id)
    except outbox.RetryLater as later:
        raise self.retry(exc=later.error, countdown=later.countdown) from later.error
    except (OperationalError, InterfaceError) as exc:
        # The database went away: the row's transaction rolled back, so it is still queued.
        raise self.retry(exc=exc, countdown=outbox.backoff(self.request.retries + 1)) from exc


@shared_task(name="core.tasks.requeue_stale_emails")
def requeue_stale_emails() -> int:
    """Run by beat: rows whose task never came (the broker was down at commit) are sent."""
    ids = outbox.stale_queued_ids(older_than=outbox.STALE_AFTER)
    for email_id in ids:
        send_email.delay(email_id=email_id)
    return len(ids)


@shared_task(name="core.tasks.purge_outbox")
def purge_outbox() -> dict[str, int]:
    """Run by beat: old rows go (``OUTBOX_RETENTION_DAYS``)."""
    return outbox.purge_old()
