"""Celery tasks of the cooperation area: thin wrappers that take IDs and call the services.

Beat runs ``send_call_reminders`` every hour (CELERY_BEAT_SCHEDULE); running it twice,
or on two beat processes at once, sends nothing twice (``services.send_call_reminders``).
"""

from celery import shared_task

from . import services


@shared_task(name="cooperation.tasks.send_call_reminders", acks_late=True)
def send_call_reminders() -> int:
    return services.send_call_reminders()


@shared_task(name="cooperation.tasks.alert_new_request", acks_late=True)
def alert_new_request(*, request_id: int) -> int:
    return services.alert_new_request(request_id=request_id)
