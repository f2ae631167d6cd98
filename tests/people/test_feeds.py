"""Busy feeds: the person's own secret feed out, and their calendar's public busy feed in,
fetched from a real HTTP server on loopback (timeouts, oversize and malformed feeds end in
a clear status, never an exception)."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from people import busyimport, feeds, tasks
from people.models import Period
from tests.factories.accounts import UserFactory
from tests.factories.people import HoldFactory, PeriodFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date

REAL_FEED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
X-WR-TIMEZONE:Europe/Warsaw\r
BEGIN:VTIMEZONE\r
TZID:Europe/Warsaw\r
BEGIN:STANDARD\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20270310\r
DTEND;VALUE=DATE:20270313\r
UID:allday@example.org\r
SUMMARY:Secret shoot for Big Studio\r
DESCRIPTION:Confidential\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20270401T223000Z\r
DTEND:20270401T233000Z\r
UID:utc-late@example.org\r
SUMMARY:Night call\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Warsaw:20270405T180000\r
DTEND;TZID=Europe/Warsaw:20270406T000000\r
UID:ends-at-midnight@example.org\r
SUMMARY:Evening\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Warsaw:20270407T100000\r
DTEND;TZID=Europe/Warsaw:20270407T120000\r
TRANSP:TRANSPARENT\r
UID:free-time@example.org\r
SUMMARY:Free: dentist\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20270420\r
UID:cancelled@example.org\r
STATUS:CANCELLED\r
SUMMARY:Cancelled\r
END:VEVENT\r
END:VCALENDAR\r
"""


class FeedServer:
    """A real HTTP server on 127.0.0.1 whose routes a test sets."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, float]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's hook name
                status, body, delay = server.routes.get(self.path, (404, b"not found", 0))
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/calendar")
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def feed_server(settings):
    settings.PEOPLE_FEED_ALLOW_PRIVATE_HOSTS = True  # the test's server is on loopback
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


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
