"""The Celery application: Redis broker, settings from Django's CELERY_* names."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_portal.settings")

app = Celery("cluster_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _require_production_services(**kwargs) -> None:
    """A worker or beat without its database, Redis or email refuses to start in production.

    Celery logs and swallows exceptions from signal handlers, so the refusal is an exit.
    """
    # Only once a worker or beat starts: this module is imported before Django is set up.
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    from cluster_portal.startup import require_production_services  # noqa: PLC0415

    try:
        require_production_services()
    except ImproperlyConfigured as error:
        raise SystemExit(f"Refusing to start: {error}") from error


@worker_ready.connect
def _start_heartbeat(sender=None, **kwargs) -> None:
    """Each worker says it lives through Redis, which /healthz reads without waiting."""
    from core.health import start_worker_heartbeat  # noqa: PLC0415 - Django is set up only once the worker runs

    start_worker_heartbeat(getattr(sender, "hostname", None))
