"""Celery tasks of the people area: thin wrappers that take ids and call the services."""

from celery import shared_task

from . import busyimport, services
from .models import Person


@shared_task(ignore_result=True)
def import_busy_feed(*, person_id: int) -> None:
    person = Person.objects.select_related("user").filter(pk=person_id).exclude(import_url="").first()
    if person is not None:
        busyimport.import_busy(person)


@shared_task(ignore_result=True)
def import_all_busy_feeds() -> None:
    for person_id in Person.objects.exclude(import_url="").values_list("pk", flat=True):
        import_busy_feed.delay(person_id=person_id)


@shared_task(ignore_result=True)
def expire_holds() -> None:
    services.holds_expire()
