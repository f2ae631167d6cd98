from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events import services
from events.ics import build_calendar
from tests.factories.events import EventFactory, MembersOnlyEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")


def _events(content: bytes):
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


@pytest.mark.parametrize(
    ("local_start", "utc_start"),
    [
        # 29 March 2026: clocks go forward at 02:00, 10:00 is CEST (UTC+2)
        (datetime(2026, 3, 29, 10, 0, tzinfo=WARSAW), datetime(2026, 3, 29, 8, 0, tzinfo=UTC)),
        # the day before, 10:00 is still CET (UTC+1)
        (datetime(2026, 3, 28, 10, 0, tzinfo=WARSAW), datetime(2026, 3, 28, 9, 0, tzinfo=UTC)),
        # 25 October 2026: clocks go back at 03:00, 10:00 is CET (UTC+1)
        (datetime(2026, 10, 25, 10, 0, tzinfo=WARSAW), datetime(2026, 10, 25, 9, 0, tzinfo=UTC)),
        (datetime(2026, 10, 24, 10, 0, tzinfo=WARSAW), datetime(2026, 10, 24, 8, 0, tzinfo=UTC)),
    ],
)
def test_event_ics_has_right_utc_start_across_dst_change(client, local_start, utc_start):
    start = local_start
    event = EventFactory(starts_at=start, ends_at=start.replace(hour=13))

    response = client.get(f"/en/events/{event.slug}/event.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert vevent.decoded("DTSTART").astimezone(UTC) == utc_start
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert str(vevent["SUMMARY"]) == event.title_en


def test_event_ics_for_stranger_has_no_address_or_online_link(client):
    event = EventFactory(venue_en="Room A, Kraków")

    (vevent,) = _events(client.get(f"/en/events/{event.slug}/event.ics").content)

    assert str(vevent["LOCATION"]) == "Room A, Kraków"
    assert "meet.example.org" not in str(vevent["DESCRIPTION"])


def test_event_ics_for_registered_member_has_address_and_link(client, member_user):
    event = EventFactory(venue_en="Room A, Kraków")
    RegistrationFactory(event=event, user=member_user, email=member_user.email)
    client.force_login(member_user)

    (vevent,) = _events(client.get(f"/en/events/{event.slug}/event.ics").content)

    assert str(vevent["LOCATION"]) == "Room A, Kraków, ul. Tajna 7, 30-001 Kraków"
    assert "https://meet.example.org/secret-room" in str(vevent["DESCRIPTION"])


def test_public_feed_has_public_events_only_even_for_members(client, member_user):
    public = EventFactory()
    MembersOnlyEventFactory()
    client.force_login(member_user)

    response = client.get("/en/events/feed.ics")

    assert response.status_code == 200
    assert [str(e["SUMMARY"]) for e in _events(response.content)] == [public.title_en]


def test_private_feed_includes_members_only_events(client, member_user):
    public = EventFactory()
    members_only = MembersOnlyEventFactory()
    token = services.feed_token_for(user=member_user).token

    response = client.get(f"/en/events/feed/{token}.ics")

    summaries = sorted(str(e["SUMMARY"]) for e in _events(response.content))
    assert response.status_code == 200
    assert summaries == sorted([public.title_en, members_only.title_en])
    # The token stands in for a login: no shared cache may keep the member's feed.
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}


def test_private_feed_with_old_token_after_reset_is_404(client, member_user):
    old = services.feed_token_for(user=member_user).token
    services.reset_feed_token(user=member_user)

    response = client.get(f"/en/events/feed/{old}.ics")

    assert response.status_code == 404


def test_private_feed_of_user_who_is_no_longer_a_member_is_404(client, outsider):
    MembersOnlyEventFactory()
    token = services.feed_token_for(user=outsider).token

    response = client.get(f"/en/events/feed/{token}.ics")

    assert response.status_code == 404


def test_members_only_event_ics_is_refused_to_anonymous(client):
    event = MembersOnlyEventFactory()

    response = client.get(f"/en/events/{event.slug}/event.ics")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_build_calendar_of_multi_day_event_keeps_both_days():
    start = datetime(2026, 6, 1, 10, tzinfo=WARSAW)
    event = EventFactory(starts_at=start, ends_at=datetime(2026, 6, 2, 17, tzinfo=WARSAW))

    (vevent,) = _events(build_calendar([event], language="pl"))

    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == timedelta(days=1, hours=7)
    assert str(vevent["SUMMARY"]) == event.title_pl
