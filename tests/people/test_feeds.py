"""Busy feeds: the person's own secret feed out, and their calendar's public busy feed in,
fetched from a real HTTP server on loopback (timeouts, oversize and malformed feeds end in
a clear status, never an exception)."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from people import busyimport, feeds, tasks
from people.models import Period
from tests.factories.accounts import UserFactory
from tests.factories.people import HoldFactory, PeriodFactory, PersonFactory
from tests.people.busy_feeds import REAL_FEED

pytestmark = pytest.mark.django_db

D = datetime.date


def test_parse_busy_turns_times_into_local_days():
    ranges = feeds.parse_busy(REAL_FEED, today=D(2027, 1, 1))

    assert ranges == [
        (D(2027, 3, 10), D(2027, 3, 12)),  # all-day, DTEND exclusive
        (D(2027, 4, 2), D(2027, 4, 2)),  # 22:30 UTC on 1 April is 00:30 on 2 April in Warsaw
        (D(2027, 4, 5), D(2027, 4, 5)),  # ends at midnight: 6 April stays free
    ]


def test_import_keeps_only_busy_days_never_titles(feed_server):
    feed_server.routes["/busy.ics"] = (200, REAL_FEED, 0)
    person = PersonFactory(user=UserFactory(preferred_language="en"), import_url=feed_server.url("/busy.ics"))

    with timezone.override("Europe/Warsaw"):
        tasks.import_busy_feed.delay(person_id=person.pk)

    person.refresh_from_db()
    periods = list(person.periods.order_by("start").values_list("kind", "source", "start", "end", "note"))
    assert periods == [
        ("booked", "feed", D(2027, 3, 10), D(2027, 3, 12), ""),
        ("booked", "feed", D(2027, 4, 2), D(2027, 4, 2), ""),
        ("booked", "feed", D(2027, 4, 5), D(2027, 4, 5), ""),
    ]
    assert person.import_status == "Imported 3 busy periods."
    assert person.import_checked_at is not None


def test_import_again_replaces_imported_days_and_keeps_manual_ones(feed_server):
    feed_server.routes["/busy.ics"] = (200, REAL_FEED, 0)
    person = PersonFactory(user=UserFactory(preferred_language="en"), import_url=feed_server.url("/busy.ics"))
    manual = PeriodFactory(person=person, start=D(2027, 3, 11), end=D(2027, 3, 11))

    busyimport.import_busy(person)
    busyimport.import_busy(person)

    assert person.periods.filter(source=Period.Source.FEED).count() == 3
    assert person.periods.filter(pk=manual.pk).exists()


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ((200, b"this is not a calendar", 0), "The address does not give a valid iCalendar feed."),
        ((200, b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n", 0), "valid iCalendar feed"),
        ((200, b"X" * (busyimport.MAX_BYTES + 10), 0), "The feed is larger than 1 MB."),
        ((500, b"oops", 0), "The feed's server answered with an error (500)."),
        ((404, b"gone", 0), "The feed's server answered with an error (404)."),
        ((200, REAL_FEED, 2), "The feed's server did not answer in time."),
    ],
    ids=["not-ics", "malformed", "oversize", "server-error", "not-found", "timeout"],
)
def test_import_bad_feeds_give_a_clear_status_and_keep_old_days(feed_server, monkeypatch, route, expected):
    monkeypatch.setattr(busyimport, "TIMEOUT_SECONDS", 0.5)
    feed_server.routes["/feed.ics"] = route
    person = PersonFactory(user=UserFactory(preferred_language="en"), import_url=feed_server.url("/feed.ics"))
    old = Period.objects.create(person=person, kind="booked", source="feed", start=D(2027, 1, 5), end=D(2027, 1, 6))

    status = busyimport.import_busy(person)

    person.refresh_from_db()
    assert expected in status
    assert person.import_status == status
    assert list(person.periods.values_list("pk", flat=True)) == [old.pk]


def test_import_refuses_addresses_inside_the_network(settings):
    settings.PEOPLE_FEED_ALLOW_PRIVATE_HOSTS = False
    person = PersonFactory(user=UserFactory(preferred_language="en"), import_url="http://127.0.0.1:6379/")

    status = busyimport.import_busy(person)

    assert status == "The feed's address is not on the public internet."


def test_busy_feed_gives_busy_days_only_and_is_not_cacheable(client):
    person = PersonFactory()
    PeriodFactory(person=person, start=D(2099, 3, 1), end=D(2099, 3, 3), note="Private note about the client")
    HoldFactory(person=person, start=D(2099, 4, 1), end=D(2099, 4, 1))
    HoldFactory(person=person, start=D(2099, 5, 1), end=D(2099, 5, 1), expires_at=timezone.now())
    PeriodFactory(person=person, kind="available", start=D(2099, 6, 1), end=D(2099, 6, 30))

    with translation.override("en"):
        response = client.get(reverse("people:busy_feed", kwargs={"token": person.feed_token}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    events = [(e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"])) for e in calendar.walk("VEVENT")]
    assert events == [(D(2099, 3, 1), D(2099, 3, 4), "Busy"), (D(2099, 4, 1), D(2099, 4, 2), "On hold")]
    assert b"Private note" not in response.content


def test_busy_feed_wrong_token_is_404(client):
    PersonFactory()

    assert client.get(reverse("people:busy_feed", kwargs={"token": "x" * 32})).status_code == 404
    assert client.get("/en/people/feed/short.ics").status_code == 404
