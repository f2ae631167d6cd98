"""Reads of the people area: public people, the finder, and who is busy when.

"Free between a and b" means no busy period of the person overlaps those days (both
inclusive): a booking, or a hold whose ``expires_at`` is still ahead. Expired holds
count as free at once, before the clean-up task removes them; explicit "available"
marks never make anyone busy.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from members.models import Member, Resource

from .models import PUBLIC_NOW, Department, Period, Person, Role


def busy_q(start: datetime.date, end: datetime.date, *, now: datetime.datetime | None = None) -> Q:
    """Periods that make their owner busy on at least one day of ``start``–``end``."""
    now = now or timezone.now()
    overlapping = Q(start__lte=end, end__gte=start)
    busy = Q(kind=Period.Kind.BOOKED) | Q(kind=Period.Kind.HOLD, expires_at__gt=now)
    return overlapping & busy


def busy_periods(start: datetime.date, end: datetime.date, *, now=None) -> QuerySet[Period]:
    return Period.objects.filter(busy_q(start, end, now=now))


def free_people(queryset: QuerySet[Person], start: datetime.date, end: datetime.date, *, now=None):
    """``queryset`` without anyone busy on a day of ``start``–``end`` (one NOT EXISTS)."""
    busy = busy_periods(start, end, now=now).filter(person=OuterRef("pk"))
    return queryset.filter(~Exists(busy))


def free_resources(queryset, start: datetime.date, end: datetime.date, *, now=None):
    """Resources with no busy period on a day of ``start``–``end``."""
    busy = busy_periods(start, end, now=now).filter(resource=OuterRef("pk"))
    return queryset.filter(~Exists(busy))


def available_members(queryset: QuerySet[Member], start: datetime.date, end: datetime.date, *, now=None):
    """Firms free over the whole of ``start``–``end``: one of their resources is (no busy
    day in the window), or they list no resources at all, so nothing makes them busy.
    Two correlated EXISTS, one statement."""
    resources = Resource.objects.filter(member=OuterRef("pk"))
    free = free_resources(Resource.objects.filter(member=OuterRef("pk")), start, end, now=now)
    return queryset.filter(~Exists(resources) | Exists(free))


def is_free(person: Person, start: datetime.date, end: datetime.date, *, now=None) -> bool:
    return not busy_periods(start, end, now=now).filter(person=person).exists()


def public_people() -> QuerySet[Person]:
    return Person.objects.filter(PUBLIC_NOW)


def _public_firms():
    return Prefetch(
        "firms",
        queryset=Member.objects.filter(status=Member.Status.ACTIVE, is_public=True).only("pk", "name", "slug"),
    )


def people_for_list() -> QuerySet[Person]:
    """Public people with what a card shows, in a fixed number of queries."""
    return public_people().prefetch_related(
        Prefetch("roles", queryset=Role.objects.select_related("department")), _public_firms()
    )


def public_profile(slug: str) -> Person:
    return (
        public_people()
        .prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("department")), _public_firms(), "credits"
        )
        .get(slug=slug)
    )


def public_people_by_slugs(slugs: list[str]) -> list[Person]:
    found = {p.slug: p for p in people_for_list().select_related("user").filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def departments_with_roles() -> list[Department]:
    return list(Department.objects.prefetch_related("roles"))


def upcoming_periods(owner, *, today: datetime.date | None = None) -> QuerySet[Period]:
    """An owner's (person, resource or location) periods that end today or later."""
    today = today or timezone.localdate()
    return owner.periods.filter(end__gte=today).select_related("lead", "member")


def busy_from_today(owner, *, days_back: int = 0, now=None) -> QuerySet[Period]:
    """The owner's busy periods that end today or later (or ``days_back`` before); the
    owner is a person, a resource or a location (each has ``periods``)."""
    now = now or timezone.now()
    since = timezone.localdate(now) - datetime.timedelta(days=days_back)
    far = datetime.date.max
    return owner.periods.filter(busy_q(since, far, now=now)).order_by("start", "end", "pk")


def with_delete_urls(periods, url_name: str, *args) -> list[Period]:
    """The periods, each with the address of its editor's "remove" button."""
    periods = list(periods)
    for period in periods:
        period.delete_url = reverse(url_name, args=[*args, period.pk])
    return periods


def busy_by_resource(resources, *, now=None) -> dict[int, list[Period]]:
    """Each resource's busy periods from today (one query for all of them)."""
    now = now or timezone.now()
    busy = busy_q(timezone.localdate(now), datetime.date.max, now=now)
    periods = Period.objects.filter(resource__in=resources).filter(busy)
    found: dict[int, list[Period]] = {}
    for period in periods.order_by("start", "end", "pk"):
        found.setdefault(period.resource_id, []).append(period)
    return found


def people_matching_lead(lead, *, now=None) -> tuple[list[Person], list[Person]]:
    """(free, busy) public people whose department serves one of the lead's needed
    services, for its shooting window; both empty when the lead has no window."""
    if not (lead.shooting_start and lead.shooting_end):
        return [], []
    needed = lead.services_needed.values("pk")
    matching = people_for_list().filter(roles__department__services__in=needed).distinct()
    busy_ids = set(
        busy_periods(lead.shooting_start, lead.shooting_end, now=now)
        .filter(person__in=matching.values("pk"))
        .values_list("person_id", flat=True)
    )
    people = list(matching.order_by("name", "pk"))
    return [p for p in people if p.pk not in busy_ids], [p for p in people if p.pk in busy_ids]


def people_of_firms(member_ids: list[int]) -> QuerySet[Person]:
    """People who work with one of these firms (any visibility: the firm pencils them)."""
    return Person.objects.filter(firms__in=member_ids, is_active=True).distinct().order_by("name", "pk")
