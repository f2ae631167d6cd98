"""Periodic work of the events area (Celery beat, see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import services


@shared_task
def expire_unconfirmed_registrations() -> int:
    return services.expire_unconfirmed()


@shared_task
def send_event_reminders() -> int:
    return services.send_reminders()
