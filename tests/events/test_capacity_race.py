"""Two people take the last seat at the same moment, on separate PostgreSQL connections."""

import threading

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.factories.accounts import MembershipFactory
from tests.factories.events import EventFactory


def _register_concurrently(event, users):
    barrier = threading.Barrier(len(users))
    errors = []

    def register(user):
        try:
            barrier.wait(timeout=10)
            services.register_user(event=event, user=user)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_registrations_for_the_last_seat_end_one_confirmed_one_waitlisted():
    event = EventFactory(capacity=1)
    users = [MembershipFactory().user for _ in range(2)]

    errors = _register_concurrently(event, users)

    statuses = sorted(event.registrations.values_list("status", flat=True))
    assert errors == []
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


@pytest.mark.django_db(transaction=True)
def test_six_concurrent_registrations_for_two_seats_confirm_exactly_two():
    event = EventFactory(capacity=2)
    users = [MembershipFactory().user for _ in range(6)]

    errors = _register_concurrently(event, users)

    assert errors == []
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 2
    assert event.registrations.filter(status=Registration.Status.WAITLISTED).count() == 4


@pytest.mark.django_db(transaction=True)
def test_two_guests_confirming_at_once_for_the_last_seat_end_one_confirmed_one_waitlisted():
    event = EventFactory(capacity=1)
    pending = [
        services.register_guest(event=event, name=f"Guest {n}", email=f"guest{n}@example.org", language="en")
        for n in range(2)
    ]
    barrier = threading.Barrier(2)
    errors = []

    def confirm(registration):
        try:
            barrier.wait(timeout=10)
            services.confirm_guest(registration=registration)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(registration,)) for registration in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(event.registrations.values_list("status", flat=True))
    assert errors == []
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
