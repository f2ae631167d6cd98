"""Celery tasks of the people area: thin wrappers that take ids and call the services."""

from celery import shared_task

from . import busyimport, services
from .models import OwnerCalendar, Person


@shared_task(ignore_result=True)
def import_busy_feed(*, person_id: int) -> None:
    person = Person.objects.select_related("user").filter(pk=person_id).exclude(import_url="").first()
    if person is not None:
        busyimport.import_busy(person)


@shared_task(ignore_result=True)
def import_owner_busy_feed(*, calendar_id: int) -> None:
    """The outside busy feed of a firm's resource or a managed location."""
    calendars = OwnerCalendar.objects.select_related("resource", "location").exclude(import_url="")
    calendar = calendars.filter(pk=calendar_id).first()
    if calendar is not None:
        busyimport.import_busy(calendar)


@shared_task(ignore_result=True)
def import_all_busy_feeds() -> None:
    """The periodic import: every person's feed, and every resource's and location's."""
    for person_id in Person.objects.exclude(import_url="").values_list("pk", flat=True):
        import_busy_feed.delay(person_id=person_id)
    for calendar_id in OwnerCalendar.objects.exclude(import_url="").values_list("pk", flat=True):
        import_owner_busy_feed.delay(calendar_id=calendar_id)


@shared_task(ignore_result=True)
def expire_holds() -> None:
    services.holds_expire()
