"""Small tasks that prove the task path works end to end."""

import smtplib

from celery import current_task, shared_task
from django.core.cache import cache
from django.utils import timezone

from .mailwire import to_django_message
from .smtp import TemporarySmtpRefusal, classify


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


# Transient delivery problems worth another try: no connection, or a 4xx reply to any
# command (RCPT included: greylisting). A 5xx reply (a bad address the server rejects for
# good) or a template bug fails at once and is logged.
TRANSIENT_EMAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    TemporarySmtpRefusal,
    ConnectionError,
    TimeoutError,
)


@shared_task(
    name="core.tasks.send_email",
    autoretry_for=TRANSIENT_EMAIL_ERRORS,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
    acks_late=True,
)
def send_email(*, message: dict) -> int:
    """Deliver one email built by core.emails.build_message."""
    try:
        return to_django_message(message).send()
    except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as exc:
        raise classify(exc) from exc
