"""Celery tasks of the digest: thin wrappers that take IDs and call the services.

Beat runs ``plan_digests`` (daily, weekly on Monday, monthly on the 1st, 07:00
Europe/Warsaw; see CELERY_BEAT_SCHEDULE) and ``sweep_stale_deliveries`` every few
minutes. Batches are acknowledged late, so a batch whose worker died is delivered
again by the broker as well as picked up by the sweep; either way the claim in
``services.send_batch`` keeps it from sending anything twice, and a redelivered or
retried batch (same task id) re-claims its own rows without waiting for the lease.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from . import services


def queue_batches(batches: list[list[int]]) -> None:
    """Queue one task per batch once the surrounding transaction has committed."""
    for ids in batches:
        transaction.on_commit(lambda ids=ids: send_digest_batch.delay(delivery_ids=ids))


# Both are idempotent, so a lost database connection is simply tried again.
DATABASE_RETRY = {"autoretry_for": (OperationalError, InterfaceError), "retry_backoff": 2, "max_retries": 5}


@shared_task(name="digests.tasks.plan_digests", acks_late=True, **DATABASE_RETRY)
def plan_digests(*, frequency: str) -> dict:
    period, batches = services.plan_deliveries(frequency=frequency)
    queue_batches(batches)
    return {"period": period.key, "batches": len(batches), "deliveries": sum(len(b) for b in batches)}


@shared_task(
    name="digests.tasks.send_digest_batch",
    bind=True,
    acks_late=True,
    # A lost database connection is transient too: the retry reconnects and re-claims
    # this task's own rows at once (services.claim, holder = the task id).
    autoretry_for=(*services.TRANSIENT_SMTP_ERRORS, OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
    # Well under the lease (DIGEST_LEASE_SECONDS), so a batch never outlives its claim.
    soft_time_limit=240,
    time_limit=300,
)
def send_digest_batch(self, *, delivery_ids: list[int]) -> dict:
    result = services.send_batch(
        delivery_ids=delivery_ids, final_attempt=self.request.retries >= self.max_retries, holder=self.request.id or ""
    )
    return {"claimed": result.claimed, "sent": result.sent, "skipped": result.skipped, "failed": result.failed}


@shared_task(name="digests.tasks.sweep_stale_deliveries", acks_late=True, **DATABASE_RETRY)
def sweep_stale_deliveries(*, stale_after_seconds: int | None = None) -> int:
    batches = services.sweep_stale(stale_after_seconds=stale_after_seconds)
    queue_batches(batches)
    return sum(len(b) for b in batches)
