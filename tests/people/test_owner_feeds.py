"""The feeds of a firm's resource and a managed location: the stored key of the busy feed
out (wrong key 404, a new key retires the old address, addresses subscribed before keys
were stored still work), and the outside busy feed in, set on the calendar page (who may
set it, a bad address kept next to its error) and fetched from a real HTTP server on
loopback (timeouts, oversize and malformed feeds end in a clear status, never a 500)."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from members.models import Member
from people import busyimport, services, tasks
from people.models import OwnerCalendar, Period
from tests.factories.accounts import UserFactory
from tests.factories.locations import LocationFactory
from tests.factories.members import ResourceFactory
from tests.factories.people import PeriodFactory, PersonFactory
from tests.people.busy_feeds import REAL_FEED

pytestmark = pytest.mark.django_db

D = datetime.date

IMPORTED = [
    ("booked", "feed", D(2027, 3, 10), D(2027, 3, 12), ""),
    ("booked", "feed", D(2027, 4, 2), D(2027, 4, 2), ""),
    ("booked", "feed", D(2027, 4, 5), D(2027, 4, 5), ""),
]


@pytest.fixture
def resource(firm):
    return ResourceFactory(member=firm, name_pl="ARRI Alexa Mini", name_en="ARRI Alexa Mini")


@pytest.fixture
def managed(firm):
    return LocationFactory(manager=firm, slug="salt-mine")


def resource_url(resource, suffix=""):
    return f"/en/people/calendars/company/{resource.member.slug}/resource/{resource.pk}/{suffix}"


def location_url(location, suffix=""):
    return f"/en/people/calendars/location/{location.slug}/{suffix}"


def feed_url(kind, owner, key):
    return f"/en/people/feed/{kind}/{owner.pk}/{key}.ics"


def imported(**owner):
    periods = Period.objects.filter(**owner).order_by("start")
    return list(periods.values_list("kind", "source", "start", "end", "note"))


def test_owner_calendar_needs_exactly_one_owner(resource, managed):
    with pytest.raises(IntegrityError, match="owner_calendar_has_one_owner"), transaction.atomic():
        OwnerCalendar.objects.create(resource=resource, location=managed)
    with pytest.raises(IntegrityError, match="owner_calendar_has_one_owner"), transaction.atomic():
        OwnerCalendar.objects.create()


# --- Import, against a real HTTP server ----------------------------------------------------


def test_import_for_a_resource_keeps_only_busy_days_never_titles(feed_server, resource):
    feed_server.routes["/busy.ics"] = (200, REAL_FEED, 0)
    calendar = OwnerCalendar.objects.create(
        resource=resource, import_url=feed_server.url("/busy.ics"), import_language="en"
    )

    with timezone.override("Europe/Warsaw"):
        tasks.import_owner_busy_feed.delay(calendar_id=calendar.pk)

    calendar.refresh_from_db()
    assert imported(resource=resource) == IMPORTED
    assert calendar.import_status == "Imported 3 busy periods."
    assert calendar.import_checked_at is not None
    assert not Period.objects.filter(note__icontains="secret").exists()


def test_import_for_a_location_writes_the_status_in_the_language_of_who_set_it(feed_server, managed):
    feed_server.routes["/busy.ics"] = (200, REAL_FEED, 0)
    calendar = OwnerCalendar.objects.create(
        location=managed, import_url=feed_server.url("/busy.ics"), import_language="pl"
    )

    tasks.import_owner_busy_feed.delay(calendar_id=calendar.pk)

    calendar.refresh_from_db()
    assert imported(location=managed) == IMPORTED
    assert calendar.import_status == "Zaimportowano okresy zajętości: 3."


def test_import_again_replaces_imported_days_and_keeps_manual_ones(feed_server, resource):
    feed_server.routes["/busy.ics"] = (200, REAL_FEED, 0)
    calendar = OwnerCalendar.objects.create(resource=resource, import_url=feed_server.url("/busy.ics"))
    manual = PeriodFactory(person=None, resource=resource, start=D(2027, 3, 11), end=D(2027, 3, 11))

    busyimport.import_busy(calendar)
    busyimport.import_busy(calendar)

    assert resource.periods.filter(source=Period.Source.FEED).count() == 3
    assert resource.periods.filter(pk=manual.pk).exists()


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ((200, REAL_FEED, 2), "The feed's server did not answer in time."),
        ((200, b"X" * (busyimport.MAX_BYTES + 10), 0), "The feed is larger than 1 MB."),
        ((200, b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n", 0), "valid iCalendar feed"),
    ],
    ids=["timeout", "oversize", "malformed"],
)
@pytest.mark.parametrize("kind", ["resource", "location"])
def test_bad_feed_saved_on_the_page_gives_a_clear_status_and_no_500(
    client,
    django_capture_on_commit_callbacks,
    feed_server,
    monkeypatch,
    member_user,
    resource,
    managed,
    kind,
    route,
    expected,
):
    monkeypatch.setattr(busyimport, "TIMEOUT_SECONDS", 0.5)
    feed_server.routes["/feed.ics"] = route
    owner, url = (resource, resource_url(resource)) if kind == "resource" else (managed, location_url(managed))
    old = Period.objects.create(**{kind: owner}, kind="booked", source="feed", start=D(2027, 1, 5), end=D(2027, 1, 6))
    client.force_login(member_user)

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url + "import/", {"import_url": feed_server.url("/feed.ics")})
    page = client.get(url)

    calendar = OwnerCalendar.objects.get(**{kind: owner})
    assert saved.status_code == 302
    assert saved["Location"] == url
    assert expected in calendar.import_status
    assert page.status_code == 200
    assert expected.replace("'", "&#x27;") in page.content.decode()
    assert list(owner.periods.values_list("pk", flat=True)) == [old.pk]


def test_import_refuses_addresses_inside_the_network(settings, managed):
    settings.PEOPLE_FEED_ALLOW_PRIVATE_HOSTS = False
    calendar = OwnerCalendar.objects.create(location=managed, import_url="http://127.0.0.1:6379/")

    assert busyimport.import_busy(calendar) == "Adres kalendarza nie jest w publicznym internecie."


# --- The form on the calendar page ---------------------------------------------------------


def test_import_form_saving_queues_the_import_once_the_transaction_commits(
    client, django_capture_on_commit_callbacks, feed_server, member_user, resource
):
    feed_server.routes["/busy.ics"] = (200, REAL_FEED, 0)
    client.force_login(member_user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(resource_url(resource, "import/"), {"import_url": feed_server.url("/busy.ics")})
    before = imported(resource=resource)
    for callback in callbacks:
        callback()

    calendar = OwnerCalendar.objects.get(resource=resource)
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert before == []
    assert calendar.import_url == feed_server.url("/busy.ics")
    assert calendar.import_language == "en"
    assert imported(resource=resource) == IMPORTED
    page = client.get(resource_url(resource)).content.decode()
    assert "Last import: Imported 3 busy periods." in page
    assert f'value="{feed_server.url("/busy.ics")}"' in page


def test_import_form_cleared_stops_importing_and_removes_imported_days(client, member_user, managed):
    OwnerCalendar.objects.create(location=managed, import_url="https://example.org/busy.ics", import_status="Imported")
    Period.objects.create(location=managed, kind="booked", source="feed", start=D(2027, 1, 5), end=D(2027, 1, 6))
    manual = PeriodFactory(person=None, location=managed, start=D(2027, 2, 1), end=D(2027, 2, 1))
    client.force_login(member_user)

    response = client.post(location_url(managed, "import/"), {"import_url": ""})

    calendar = OwnerCalendar.objects.get(location=managed)
    assert response.status_code == 302
    assert (calendar.import_url, calendar.import_status, calendar.import_checked_at) == ("", "", None)
    assert list(managed.periods.values_list("pk", flat=True)) == [manual.pk]


@pytest.mark.parametrize(
    ("typed", "error"),
    [("not an address at all", "Enter a valid URL."), ("ftp://example.org/busy.ics", "Give an http or https address.")],
)
def test_import_form_bad_address_says_so_next_to_the_field_and_keeps_it(client, member_user, resource, typed, error):
    client.force_login(member_user)

    response = client.post(resource_url(resource, "import/"), {"import_url": typed})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_import_url_errors"' in html
    assert error in html
    assert f'value="{typed}"' in html
    assert "data-calendar-editor" in html
    assert OwnerCalendar.objects.get(resource=resource).import_url == ""


def test_import_form_escapes_what_was_typed(client, member_user, managed):
    client.force_login(member_user)

    response = client.post(location_url(managed, "import/"), {"import_url": 'https://x"><script>alert(1)</script>'})

    assert response.status_code == 400
    assert "<script>alert(1)" not in response.content.decode()


def owner_urls(resource, managed):
    return {"resource": resource_url(resource), "location": location_url(managed)}


@pytest.mark.parametrize("kind", ["resource", "location"])
def test_import_form_anonymous_goes_to_login(client, resource, managed, kind):
    url = owner_urls(resource, managed)[kind]

    response = client.post(url + "import/", {"import_url": "https://example.org/busy.ics"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not OwnerCalendar.objects.exclude(import_url="").exists()


@pytest.mark.parametrize("kind", ["resource", "location"])
def test_import_form_other_firms_user_gets_404(client, other_member_user, resource, managed, kind):
    url = owner_urls(resource, managed)[kind]
    client.force_login(other_member_user)

    response = client.post(url + "import/", {"import_url": "https://example.org/busy.ics"})

    assert response.status_code == 404
    assert not OwnerCalendar.objects.exclude(import_url="").exists()


@pytest.mark.parametrize("kind", ["resource", "location"])
def test_import_form_suspended_firms_user_gets_403(client, member_user, firm, resource, managed, kind):
    Member.objects.filter(pk=firm.pk).update(status=Member.Status.SUSPENDED)
    url = owner_urls(resource, managed)[kind]
    client.force_login(member_user)

    page = client.get(url)
    response = client.post(url + "import/", {"import_url": "https://example.org/busy.ics"})

    assert page.status_code == 403
    assert response.status_code == 403
    assert not OwnerCalendar.objects.exclude(import_url="").exists()


@pytest.mark.parametrize("kind", ["resource", "location"])
def test_import_form_coordinator_sets_any_owners_feed(
    client, django_capture_on_commit_callbacks, coordinator, resource, managed, kind
):
    url = owner_urls(resource, managed)[kind]
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url + "import/", {"import_url": "https://example.org/busy.ics"})

    assert response.status_code == 302
    assert response["Location"] == url
    assert len(callbacks) == 1
    owner = resource if kind == "resource" else managed
    assert OwnerCalendar.objects.get(**{kind: owner}).import_url == "https://example.org/busy.ics"


def test_import_form_get_is_not_allowed(client, member_user, resource):
    client.force_login(member_user)

    assert client.get(resource_url(resource, "import/")).status_code == 405


# --- The busy feed out: a stored key -------------------------------------------------------


def test_stored_key_gives_the_feed_and_a_wrong_or_misplaced_key_is_404(client, resource, managed):
    PeriodFactory(person=None, resource=resource, start=D(2099, 2, 1), end=D(2099, 2, 2))
    key = services.owner_calendar_ensure(resource=resource).feed_token
    location_key = services.owner_calendar_ensure(location=managed).feed_token
    other = ResourceFactory(member=resource.member)

    response = client.get(feed_url("resource", resource, key))

    assert response.status_code == 200
    assert b"DTSTART;VALUE=DATE:20990201" in response.content
    assert client.get(feed_url("resource", resource, key[:-1] + ("A" if key[-1] != "A" else "B"))).status_code == 404
    assert client.get(feed_url("resource", resource, location_key)).status_code == 404
    assert client.get(feed_url("location", resource, key)).status_code == 404
    assert client.get(feed_url("resource", other, key)).status_code == 404
    assert client.get(feed_url("person", resource, key)).status_code == 404
    assert client.get(f"/en/people/feed/resource/999999/{key}.ics").status_code == 404


def test_keys_are_random_and_different_for_every_owner(resource, managed):
    keys = {
        services.owner_calendar_ensure(resource=resource).feed_token,
        services.owner_calendar_ensure(resource=ResourceFactory()).feed_token,
        services.owner_calendar_ensure(location=managed).feed_token,
    }

    assert len(keys) == 3
    assert all(len(key) >= 32 for key in keys)


def test_calendar_page_shows_the_stored_feed_address(client, member_user, managed):
    key = services.owner_calendar_ensure(location=managed).feed_token
    client.force_login(member_user)

    html = client.get(location_url(managed)).content.decode()

    assert f'value="http://testserver/en/people/feed/location/{managed.pk}/{key}.ics"' in html
    assert f'href="{location_url(managed, "feed-key/")}"' in html


@pytest.mark.parametrize("kind", ["resource", "location"])
def test_new_key_asks_first_then_retires_the_old_address(client, member_user, resource, managed, kind):
    owner = resource if kind == "resource" else managed
    url = owner_urls(resource, managed)[kind]
    old = services.owner_calendar_ensure(**{kind: owner}).feed_token
    client.force_login(member_user)

    confirm = client.get(url + "feed-key/")
    unchanged = OwnerCalendar.objects.get(**{kind: owner}).feed_token
    response = client.post(url + "feed-key/")

    new = OwnerCalendar.objects.get(**{kind: owner}).feed_token
    assert confirm.status_code == 200
    assert "Make a new feed address?" in confirm.content.decode()
    assert 'name="csrfmiddlewaretoken"' in confirm.content.decode()
    assert unchanged == old
    assert response.status_code == 302
    assert response["Location"] == url
    assert new != old
    assert client.get(feed_url(kind, owner, old)).status_code == 404
    assert client.get(feed_url(kind, owner, new)).status_code == 200


def test_new_key_needs_the_csrf_token(member_user, resource):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_user)
    old = services.owner_calendar_ensure(resource=resource).feed_token

    response = client.post(resource_url(resource, "feed-key/"))

    assert response.status_code == 403
    assert OwnerCalendar.objects.get(resource=resource).feed_token == old


@pytest.mark.parametrize("kind", ["resource", "location"])
def test_new_key_only_for_who_may_edit_the_calendar(client, other_member_user, resource, managed, kind):
    owner = resource if kind == "resource" else managed
    url = owner_urls(resource, managed)[kind]
    old = services.owner_calendar_ensure(**{kind: owner}).feed_token

    anonymous = client.post(url + "feed-key/")
    client.force_login(other_member_user)
    foreign_get = client.get(url + "feed-key/")
    foreign_post = client.post(url + "feed-key/")

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert (foreign_get.status_code, foreign_post.status_code) == (404, 404)
    assert OwnerCalendar.objects.get(**{kind: owner}).feed_token == old


# --- Addresses subscribed before keys were stored ------------------------------------------

owner_calendar_migration = importlib.import_module("people.migrations.0004_owner_calendar")


def test_addresses_with_the_old_derived_key_keep_working_until_a_new_key_is_made(
    client, member_user, resource, managed
):
    PeriodFactory(person=None, location=managed, start=D(2099, 2, 1), end=D(2099, 2, 1))
    old_resource = owner_calendar_migration.legacy_feed_key("resource", resource.pk)
    old_location = owner_calendar_migration.legacy_feed_key("location", managed.pk)

    owner_calendar_migration.seed_legacy_keys(apps, None)
    owner_calendar_migration.seed_legacy_keys(apps, None)  # again: nothing changes

    assert OwnerCalendar.objects.count() == 2
    assert client.get(feed_url("resource", resource, old_resource)).status_code == 200
    located = client.get(feed_url("location", managed, old_location))
    assert located.status_code == 200
    assert b"DTSTART;VALUE=DATE:20990201" in located.content
    client.force_login(member_user)
    assert client.post(location_url(managed, "feed-key/")).status_code == 302
    assert client.get(feed_url("location", managed, old_location)).status_code == 404


def test_the_old_derived_key_of_an_owner_made_after_the_migration_is_404(client, resource):
    services.owner_calendar_ensure(resource=resource)
    legacy = owner_calendar_migration.legacy_feed_key("resource", resource.pk)

    response = client.get(feed_url("resource", resource, legacy))

    assert response.status_code == 404


# --- The periodic import ---------------------------------------------------------------------


def test_periodic_import_covers_people_resources_and_locations(feed_server, resource, managed):
    feed_server.routes["/busy.ics"] = (200, REAL_FEED, 0)
    url = feed_server.url("/busy.ics")
    person = PersonFactory(user=UserFactory(preferred_language="en"), import_url=url)
    OwnerCalendar.objects.create(resource=resource, import_url=url)
    OwnerCalendar.objects.create(location=managed, import_url=url)
    quiet = ResourceFactory(member=resource.member)
    OwnerCalendar.objects.create(resource=quiet)

    tasks.import_all_busy_feeds.delay()

    assert imported(person=person) == IMPORTED
    assert imported(resource=resource) == IMPORTED
    assert imported(location=managed) == IMPORTED
    assert imported(resource=quiet) == []
    assert set(OwnerCalendar.objects.exclude(import_url="").values_list("import_status", flat=True)) == {
        "Zaimportowano okresy zajętości: 3."
    }


def test_beat_schedule_runs_the_periodic_import(settings):
    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]

    assert "people.tasks.import_all_busy_feeds" in entries


# --- Query budget -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 12])
def test_resource_calendar_query_budget_is_the_same_at_any_size(
    client, django_assert_num_queries, member_user, resource, size
):
    for day in range(size):
        start = D(2099, 1, 1) + datetime.timedelta(days=2 * day)
        PeriodFactory(person=None, resource=resource, start=start, end=start)
    OwnerCalendar.objects.create(resource=resource, import_url="https://example.org/busy.ics", import_status="ok")
    client.force_login(member_user)

    with django_assert_num_queries(8):
        assert client.get(resource_url(resource)).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_location_calendar_query_budget_is_the_same_at_any_size(
    client, django_assert_num_queries, member_user, managed, size
):
    for day in range(size):
        start = D(2099, 1, 1) + datetime.timedelta(days=2 * day)
        PeriodFactory(person=None, location=managed, start=start, end=start)
    OwnerCalendar.objects.create(location=managed)
    client.force_login(member_user)

    with django_assert_num_queries(5):
        assert client.get(location_url(managed)).status_code == 200


def test_calendar_page_makes_the_feeds_row_of_an_owner_without_one(client, member_user, firm):
    resource = ResourceFactory(member=firm)
    client.force_login(member_user)

    first = client.get(resource_url(resource))
    again = client.get(resource_url(resource))

    key = OwnerCalendar.objects.get(resource=resource).feed_token
    assert first.status_code == again.status_code == 200
    assert key in first.content.decode()
    assert key in again.content.decode()
    assert OwnerCalendar.objects.filter(resource=resource).count() == 1
