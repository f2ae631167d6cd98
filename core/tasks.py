"""Small tasks that prove the task path works end to end."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone


@shared_task(name="core.tasks.heartbeat")
def heartbeat() -> str:
    """Run by beat; the timestamp it leaves in the cache shows that beat and a worker live."""
    stamp = timezone.now().isoformat()
    cache.set("core:heartbeat", stamp, timeout=None)
    return stamp


@shared_task(name="core.tasks.echo")
def echo(*, value: str) -> dict[str, str]:
    """Return the value with the worker's host name (used by tests and health checks)."""
    from celery import current_task

    return {"value": value, "hostname": current_task.request.hostname or ""}
