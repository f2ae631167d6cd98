"""iCalendar output: one event (download, email attachment) or a feed of many.

Times are written with the installation's ``TIME_ZONE`` as TZID and a matching VTIMEZONE, so calendars
show the local time the organiser meant on both sides of a daylight-saving change.
Where the event takes place in detail (street address, online link) goes only into
calendars made for someone registered (``details_for``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import icalendar
from django.conf import settings
from django.utils import timezone, translation

from .models import Event


def _uid(event: Event) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "portal"
    return f"event-{event.pk}@{host}"


def event_component(event: Event, *, with_details: bool, language: str) -> icalendar.Event:
    with translation.override(language):
        component = icalendar.Event()
        component.add("uid", _uid(event))
        component.add("dtstamp", datetime.now(UTC))
        component.add("last-modified", event.updated_at.astimezone(UTC))
        zone = timezone.get_default_timezone()
        component.add("dtstart", event.starts_at.astimezone(zone))
        component.add("dtend", event.ends_at.astimezone(zone))
        component.add("summary", event.title)
        url = settings.SITE_URL + event.get_absolute_url()
        component.add("url", url)
        description = [event.description, url]
        location = event.venue
        if with_details:
            location = ", ".join(part for part in (event.venue, event.address) if part)
            if event.online_url:
                description.insert(1, event.online_url)
        if location:
            component.add("location", location)
        component.add("description", "\n\n".join(part for part in description if part))
        component.add("categories", [event.get_kind_display()])
        component.add("class", "PUBLIC" if event.is_public else "PRIVATE")
    return component


def build_calendar(
    events: Iterable[Event],
    *,
    language: str,
    name: str = "",
    details_for: Callable[[Event], bool] = lambda event: False,
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Film cluster portal//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(event_component(event, with_details=details_for(event), language=language))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_attachment(event: Event, *, language: str, with_details: bool = True) -> tuple[str, bytes, str]:
    """An (filename, content, mimetype) tuple for ``core.emails.queue_email``."""
    content = build_calendar([event], language=language, details_for=lambda e: with_details)
    return (f"{event.slug}.ics", content, "text/calendar")
