"""Who is free when: the overlap rule on edge days, holds and their expiry, and the
database's own refusal of overlapping bookings (an exclusion constraint)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from people import selectors, services
from people.models import Period
from tests.factories.members import MemberFactory, ResourceFactory
from tests.factories.people import HoldFactory, PeriodFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def free_slugs(start, end, **kwargs):
    return sorted(selectors.free_people(selectors.public_people(), start, end, **kwargs).values_list("slug", flat=True))


def test_free_people_booking_ending_on_the_first_day_of_the_window_is_busy():
    booked = PersonFactory(slug="booked")
    PersonFactory(slug="free")
    PeriodFactory(person=booked, start=D(2027, 3, 1), end=D(2027, 3, 10))

    assert free_slugs(D(2027, 3, 10), D(2027, 3, 12)) == ["free"]
    assert free_slugs(D(2027, 2, 25), D(2027, 3, 1)) == ["free"]


def test_free_people_booking_ending_the_day_before_the_window_is_free():
    booked = PersonFactory(slug="booked")
    PeriodFactory(person=booked, start=D(2027, 3, 1), end=D(2027, 3, 10))

    assert free_slugs(D(2027, 3, 11), D(2027, 3, 20)) == ["booked"]
    assert free_slugs(D(2027, 2, 20), D(2027, 2, 28)) == ["booked"]


def test_free_people_one_day_booking_inside_a_long_window_is_busy():
    booked = PersonFactory(slug="booked")
    PeriodFactory(person=booked, start=D(2027, 6, 15), end=D(2027, 6, 15))

    assert free_slugs(D(2027, 6, 1), D(2027, 6, 30)) == []
    assert free_slugs(D(2027, 6, 16), D(2027, 6, 16)) == ["booked"]


def test_free_people_multi_day_hold_makes_busy_until_it_expires():
    now = timezone.now()
    pencilled = PersonFactory(slug="pencilled")
    HoldFactory(person=pencilled, start=D(2027, 4, 1), end=D(2027, 4, 20), expires_at=now + datetime.timedelta(days=2))

    assert free_slugs(D(2027, 4, 10), D(2027, 4, 11), now=now) == []
    assert free_slugs(D(2027, 4, 10), D(2027, 4, 11), now=now + datetime.timedelta(days=2)) == ["pencilled"]
    assert free_slugs(D(2027, 4, 10), D(2027, 4, 11), now=now + datetime.timedelta(days=3)) == ["pencilled"]


def test_free_people_available_mark_never_makes_busy():
    marked = PersonFactory(slug="marked")
    PeriodFactory(person=marked, kind=Period.Kind.AVAILABLE, start=D(2027, 5, 1), end=D(2027, 5, 31))

    assert free_slugs(D(2027, 5, 10), D(2027, 5, 12)) == ["marked"]


def test_holds_expire_deletes_only_expired_holds():
    now = timezone.now()
    person = PersonFactory()
    old = HoldFactory(person=person, expires_at=now - datetime.timedelta(minutes=1))
    current = HoldFactory(person=person, start=D(2027, 3, 6), end=D(2027, 3, 8))
    booking = PeriodFactory(person=person, start=D(2027, 3, 10), end=D(2027, 3, 12))

    deleted = services.holds_expire(now=now)

    assert deleted == 1
    assert set(Period.objects.values_list("pk", flat=True)) == {current.pk, booking.pk}
    assert not Period.objects.filter(pk=old.pk).exists()


def test_exclusion_constraint_refuses_overlapping_bookings_of_one_person():
    person = PersonFactory()
    PeriodFactory(person=person, start=D(2027, 3, 1), end=D(2027, 3, 10))

    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(person=person, kind=Period.Kind.BOOKED, start=D(2027, 3, 10), end=D(2027, 3, 12))


def test_exclusion_constraint_allows_adjacent_days_other_people_and_overlapping_holds():
    person = PersonFactory()
    PeriodFactory(person=person, start=D(2027, 3, 1), end=D(2027, 3, 10))

    Period.objects.create(person=person, kind=Period.Kind.BOOKED, start=D(2027, 3, 11), end=D(2027, 3, 12))
    PeriodFactory(person=PersonFactory(), start=D(2027, 3, 1), end=D(2027, 3, 10))
    HoldFactory(person=person, start=D(2027, 3, 5), end=D(2027, 3, 6))
    HoldFactory(person=person, start=D(2027, 3, 5), end=D(2027, 3, 7))

    assert Period.objects.filter(person=person).count() == 4


def test_exclusion_constraint_applies_to_resources_too():
    resource = ResourceFactory(member=MemberFactory())
    Period.objects.create(resource=resource, kind=Period.Kind.BOOKED, start=D(2027, 3, 1), end=D(2027, 3, 3))

    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(resource=resource, kind=Period.Kind.AVAILABLE, start=D(2027, 3, 3), end=D(2027, 3, 4))


def test_check_constraints_refuse_no_owner_reversed_days_and_a_hold_without_expiry():
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(kind=Period.Kind.BOOKED, start=D(2027, 3, 1), end=D(2027, 3, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(person=person, kind=Period.Kind.BOOKED, start=D(2027, 3, 2), end=D(2027, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(person=person, kind=Period.Kind.HOLD, start=D(2027, 3, 1), end=D(2027, 3, 2))


def test_period_add_overlap_is_a_clear_validation_error():
    person = PersonFactory()
    services.period_add(person=person, kind=Period.Kind.BOOKED, start=D(2027, 3, 1), end=D(2027, 3, 10))

    with pytest.raises(ValidationError) as error:
        services.period_add(person=person, kind=Period.Kind.AVAILABLE, start=D(2027, 3, 5), end=D(2027, 3, 6))

    assert error.value.messages == [str(services.OVERLAP)]
    assert Period.objects.filter(person=person).count() == 1


def test_period_add_hold_expires_after_hold_days():
    person = PersonFactory()
    before = timezone.now()

    hold = services.period_add(person=person, kind=Period.Kind.HOLD, start=D(2027, 3, 1), end=D(2027, 3, 2))

    assert before + datetime.timedelta(days=services.HOLD_DAYS) <= hold.expires_at
    assert hold.expires_at <= timezone.now() + datetime.timedelta(days=services.HOLD_DAYS)
