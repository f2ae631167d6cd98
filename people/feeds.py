"""iCalendar: a person's busy days out (their secret feed), and a foreign busy feed in.

Out: one all-day VEVENT per busy period, "Busy" and nothing else (no lead, no firm, no
note), so the feed can sit in any calendar app. In: only the busy time of each event is
kept, never its title or description; events marked TRANSP:TRANSPARENT or CANCELLED are
free time. Times are turned into days in the installation's time zone: an event that
ends at midnight does not occupy the next day, one that crosses midnight occupies both.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Period

# How far ahead an imported feed is kept (and how far back), in days.
IMPORT_AHEAD_DAYS = 550
IMPORT_BEHIND_DAYS = 31
MAX_IMPORTED_PERIODS = 2000


class FeedError(ValueError):
    """The feed could not be read; ``status`` says why in the current language."""


def busy_calendar(periods: Iterable[Period], *, host: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Film cluster portal//busy//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Busy"))
    for period in periods:
        event = icalendar.Event()
        event.add("uid", f"period-{period.pk}@{host}")
        event.add("dtstamp", datetime.datetime.now(datetime.UTC))
        event.add("dtstart", period.start)
        event.add("dtend", period.end + datetime.timedelta(days=1))  # DTEND of a date is exclusive
        event.add("summary", _("Busy") if period.kind == Period.Kind.BOOKED else _("On hold"))
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()


def _local_days(start, end, zone: ZoneInfo) -> tuple[datetime.date, datetime.date]:
    """The first and last day (inclusive) an event occupies."""
    if isinstance(start, datetime.datetime):
        start_local = (start if timezone.is_aware(start) else start.replace(tzinfo=zone)).astimezone(zone)
        end_value = end if end is not None else start
        end_local = (end_value if timezone.is_aware(end_value) else end_value.replace(tzinfo=zone)).astimezone(zone)
        last = end_local.date()
        if end_local > start_local and end_local.time() == datetime.time(0):
            last -= datetime.timedelta(days=1)  # ends at midnight: the next day is free
        return start_local.date(), max(last, start_local.date())
    # All-day: DTEND is the day after the last (RFC 5545); no DTEND means one day.
    last = (end - datetime.timedelta(days=1)) if end is not None else start
    return start, max(last, start)


def parse_busy(content: bytes, *, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """Busy day ranges of an iCalendar feed, merged and limited to the window kept."""
    try:
        calendar = icalendar.Calendar.from_ical(content)
    except (ValueError, IndexError, KeyError) as error:
        raise FeedError(_("The address does not give a valid iCalendar feed.")) from error
    if calendar.name != "VCALENDAR":
        raise FeedError(_("The address does not give a valid iCalendar feed."))
    zone = ZoneInfo(settings.TIME_ZONE)
    earliest = today - datetime.timedelta(days=IMPORT_BEHIND_DAYS)
    latest = today + datetime.timedelta(days=IMPORT_AHEAD_DAYS)
    ranges = []
    for component in calendar.walk():
        if component.name != "VEVENT":
            continue
        if str(component.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            continue
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = component.get("DTSTART")
        if start is None:
            continue
        end = component.get("DTEND")
        end_value = end.dt if end is not None else None
        if end_value is None and component.get("DURATION") is not None:
            end_value = start.dt + component.get("DURATION").dt
        ranges.append(_local_days(start.dt, end_value, zone))
    clipped = sorted((max(a, earliest), min(b, latest)) for a, b in ranges if b >= earliest and a <= latest)
    merged: list[tuple[datetime.date, datetime.date]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    if len(merged) > MAX_IMPORTED_PERIODS:
        raise FeedError(_("The feed has too many busy periods to import."))
    return merged
