"""Reads of the events area: which events a person may see, the list and the month grid,
and a person's own registration.

Everything a page or a feed shows starts from ``visible_events(user)``, so a
members-only event cannot reach someone who is not a member by any other path.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import django_filters
from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import is_cluster_member

from .models import Event, Registration


def visible_events(user):
    """Events the user may see: all for members and coordinators, public ones otherwise."""
    events = Event.objects.all()
    if not is_cluster_member(user):
        events = events.public()
    return events


def with_seats(events):
    """Annotate ``taken_seats`` (confirmed registrations) in the same query."""
    return events.annotate(taken_seats=Count("registrations", filter=Q(registrations__status="confirmed")))


def remaining_seats(event: Event) -> int | None:
    return event.seats_left


def upcoming_open_for_registration(now=None, days: int = 30):
    """Public and members-only events starting within ``days`` whose registration is
    open now (for the members' digest)."""
    now = now or timezone.now()
    return (
        Event.objects.filter(starts_at__gt=now, starts_at__lte=now + timedelta(days=days), registration_enabled=True)
        .filter(Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now))
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
        .order_by("starts_at", "pk")
    )


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date(year, month, 1), time.min))
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return start, timezone.make_aware(datetime.combine(next_month, time.min))


def parse_month(value: str | None) -> tuple[int, int] | None:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return year, month


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All kinds"))
    month = django_filters.CharFilter(label=_("Month"), method="filter_month")

    class Meta:
        model = Event
        fields = ["kind", "month"]

    def filter_month(self, queryset, name, value):
        parsed = parse_month(value)
        if parsed is None:
            return queryset
        start, end = _month_bounds(*parsed)
        return queryset.filter(starts_at__lt=end, ends_at__gte=start)


def event_list(*, user, params, past: bool, now=None):
    """The filtered list: upcoming soonest first, past most recent first."""
    now = now or timezone.now()
    events = visible_events(user)
    events = (
        events.past(now).order_by("-starts_at", "-pk") if past else events.upcoming(now).order_by("starts_at", "pk")
    )
    event_filter = EventFilter(params, queryset=with_seats(events))
    return event_filter


@dataclass
class Day:
    date: date
    in_month: bool
    events: list


def month_grid(*, user, year: int, month: int, kind: str = "") -> list[list[Day]]:
    """Weeks (Monday first) of the month, each day with the events that touch it."""
    start, end = _month_bounds(year, month)
    events = visible_events(user).filter(starts_at__lt=end, ends_at__gte=start).order_by("starts_at", "pk")
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    events = list(events)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            todays = [e for e in events if timezone.localdate(e.starts_at) <= day <= timezone.localdate(e.ends_at)]
            row.append(Day(date=day, in_month=day.month == month, events=todays))
        weeks.append(row)
    return weeks


def registration_of(*, user, event: Event) -> Registration | None:
    """The user's current (or last) registration for the event."""
    if not user.is_authenticated:
        return None
    registrations = event.registrations.filter(Q(user=user) | Q(email=user.email.lower()))
    return (
        registrations.filter(status__in=Registration.ACTIVE_STATUSES).first()
        or registrations.order_by("-created_at").first()
    )


def waitlist_position(registration: Registration | None) -> int | None:
    """Where a waitlisted registration stands (1 = the next seat that frees up is
    theirs), in the order ``services._promote_waitlisted`` moves people up."""
    if registration is None or registration.status != Registration.Status.WAITLISTED:
        return None
    joined = registration.waitlisted_at or registration.created_at
    ahead = (
        Registration.objects.filter(event_id=registration.event_id, status=Registration.Status.WAITLISTED)
        .annotate(joined=Coalesce("waitlisted_at", "created_at"))
        .filter(Q(joined__lt=joined) | Q(joined=joined, pk__lt=registration.pk))
    )
    return ahead.count() + 1


def is_registered(*, user, event: Event) -> bool:
    """Registered people see the address, the online link and the materials."""
    if user.is_authenticated and user.is_staff:
        return True
    registration = registration_of(user=user, event=event)
    return registration is not None and registration.holds_seat


def attendance_list(event: Event):
    return event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("user").order_by("name")


def feed_events(*, user=None, now=None):
    """Events for a calendar feed: from 90 days back on."""
    now = now or timezone.now()
    events = visible_events(user) if user is not None else Event.objects.public()
    return events.filter(ends_at__gte=now - timedelta(days=90)).order_by("starts_at", "pk")


def registered_event_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Registration.objects.filter(user=user, status=Registration.Status.CONFIRMED).values_list("event_id", flat=True)
    )


def event_schema(event: Event, url: str) -> dict:
    """schema.org ``Event`` for search engines (public facts only: no address or link)."""
    online = bool(event.online_url) and not event.address
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "url": url,
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
        "location": {"@type": "VirtualLocation" if online else "Place", "name": event.venue or event.title},
        "organizer": {"@type": "Organization", "name": event.organiser or settings.CLUSTER_NAME_EN},
    }
