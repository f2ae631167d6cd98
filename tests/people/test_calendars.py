"""Availability of firms' resources and managed locations: the overlap rule on edge days,
the database's refusal of overlapping bookings, who may edit which calendar (anonymous,
the firm's user, another firm's user, the coordinator), the busy feeds, and a location's
public busy days."""

import datetime

import icalendar
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import Member
from people import selectors, services
from people.models import Period
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory, ResourceFactory
from tests.factories.people import HoldFactory, PeriodFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def available_slugs(start, end, **kwargs):
    members = selectors.available_members(Member.objects.all(), start, end, **kwargs)
    return sorted(members.values_list("slug", flat=True))


def test_free_resources_booking_on_the_first_or_last_day_of_the_window_is_busy():
    camera = ResourceFactory(name="Camera")
    PeriodFactory(person=None, resource=camera, start=D(2027, 3, 1), end=D(2027, 3, 10))

    def free(start, end):
        return list(selectors.free_resources(camera.member.resources.all(), start, end))

    assert free(D(2027, 3, 10), D(2027, 3, 12)) == []
    assert free(D(2027, 2, 25), D(2027, 3, 1)) == []
    assert free(D(2027, 3, 11), D(2027, 3, 20)) == [camera]
    assert free(D(2027, 2, 20), D(2027, 2, 28)) == [camera]


def test_available_members_one_free_resource_is_enough_and_all_busy_is_not():
    busy_firm = MemberFactory(slug="busy-firm")
    mixed_firm = MemberFactory(slug="mixed-firm")
    MemberFactory(slug="no-resources")
    for resource in [ResourceFactory(member=busy_firm), ResourceFactory(member=busy_firm)]:
        PeriodFactory(person=None, resource=resource, start=D(2027, 5, 1), end=D(2027, 5, 31))
    booked = ResourceFactory(member=mixed_firm)
    ResourceFactory(member=mixed_firm)
    PeriodFactory(person=None, resource=booked, start=D(2027, 5, 1), end=D(2027, 5, 31))

    assert available_slugs(D(2027, 5, 31), D(2027, 6, 2)) == ["mixed-firm", "no-resources"]
    assert available_slugs(D(2027, 6, 1), D(2027, 6, 2)) == ["busy-firm", "mixed-firm", "no-resources"]


def test_available_members_a_resource_free_only_for_part_of_the_window_does_not_count():
    firm = MemberFactory(slug="firm")
    first, second = ResourceFactory(member=firm), ResourceFactory(member=firm)
    PeriodFactory(person=None, resource=first, start=D(2027, 7, 1), end=D(2027, 7, 5))
    PeriodFactory(person=None, resource=second, start=D(2027, 7, 6), end=D(2027, 7, 10))

    assert available_slugs(D(2027, 7, 4), D(2027, 7, 7)) == []
    assert available_slugs(D(2027, 7, 6), D(2027, 7, 10)) == ["firm"]


def test_available_members_hold_counts_until_it_expires_and_available_mark_never():
    now = timezone.now()
    firm = MemberFactory(slug="firm")
    resource = ResourceFactory(member=firm)
    HoldFactory(
        person=None,
        resource=resource,
        start=D(2027, 4, 1),
        end=D(2027, 4, 3),
        expires_at=now + datetime.timedelta(days=1),
    )
    PeriodFactory(person=None, resource=resource, kind=Period.Kind.AVAILABLE, start=D(2027, 4, 10), end=D(2027, 4, 12))

    assert available_slugs(D(2027, 4, 2), D(2027, 4, 2), now=now) == []
    assert available_slugs(D(2027, 4, 2), D(2027, 4, 2), now=now + datetime.timedelta(days=1)) == ["firm"]
    assert available_slugs(D(2027, 4, 10), D(2027, 4, 12), now=now) == ["firm"]


def test_location_bookings_may_not_overlap_but_touching_days_may():
    location = LocationFactory()
    PeriodFactory(person=None, location=location, start=D(2027, 3, 1), end=D(2027, 3, 10))
    PeriodFactory(person=None, location=location, start=D(2027, 3, 11), end=D(2027, 3, 12))

    with pytest.raises(IntegrityError, match="period_location_no_overlap"), transaction.atomic():
        PeriodFactory(person=None, location=location, start=D(2027, 3, 10), end=D(2027, 3, 10))


def test_period_with_two_owners_is_refused():
    with pytest.raises(IntegrityError, match="period_has_one_owner"), transaction.atomic():
        PeriodFactory(person=None, resource=ResourceFactory(), location=LocationFactory())


# --- Permissions: a resource's calendar in "My company" ----------------------------------


@pytest.fixture
def resource(firm):
    return ResourceFactory(member=firm, name_pl="ARRI Alexa Mini", name_en="ARRI Alexa Mini")


def resource_url(resource, suffix=""):
    return f"/en/people/calendars/company/{resource.member.slug}/resource/{resource.pk}/{suffix}"


WINDOW = {"kind": "booked", "start": "2027-09-01", "end": "2027-09-03", "note": ""}


def test_resource_calendar_anonymous_goes_to_login(client, resource):
    response = client.get(resource_url(resource))
    posted = client.post(resource_url(resource), WINDOW)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert posted.status_code == 302
    assert Period.objects.count() == 0


def test_resource_calendar_firm_user_marks_and_removes_days(client, member_user, resource):
    client.force_login(member_user)

    page = client.get(resource_url(resource))
    response = client.post(resource_url(resource), WINDOW)

    assert page.status_code == 200
    assert "data-calendar-editor" in page.content.decode()
    assert response.status_code == 302
    period = Period.objects.get(resource=resource)
    assert (period.kind, period.start, period.end) == ("booked", D(2027, 9, 1), D(2027, 9, 3))
    removed = client.post(resource_url(resource, f"{period.pk}/delete/"))
    assert removed.status_code == 302
    assert Period.objects.filter(resource=resource).count() == 0


def test_resource_calendar_other_firms_user_gets_404(client, other_member_user, resource):
    period = PeriodFactory(person=None, resource=resource)
    client.force_login(other_member_user)

    assert client.get(resource_url(resource)).status_code == 404
    assert client.post(resource_url(resource), WINDOW).status_code == 404
    assert client.post(resource_url(resource, f"{period.pk}/delete/")).status_code == 404
    assert Period.objects.filter(resource=resource).count() == 1


def test_resource_calendar_another_firms_resource_under_own_firm_is_404(client, member_user, firm):
    foreign = ResourceFactory(member=MemberFactory(slug="foreign"))
    client.force_login(member_user)

    response = client.get(f"/en/people/calendars/company/{firm.slug}/resource/{foreign.pk}/")

    assert response.status_code == 404


def test_resource_calendar_firm_user_cannot_delete_another_resources_period(client, member_user, resource):
    foreign = PeriodFactory(person=None, resource=ResourceFactory(member=MemberFactory()))
    client.force_login(member_user)

    response = client.post(resource_url(resource, f"{foreign.pk}/delete/"))

    assert response.status_code == 404
    assert Period.objects.filter(pk=foreign.pk).exists()


def test_resource_calendar_coordinator_edits_any_firm(client, coordinator, resource):
    client.force_login(coordinator)

    assert client.get(resource_url(resource)).status_code == 200
    assert client.post(resource_url(resource), WINDOW).status_code == 302
    assert Period.objects.filter(resource=resource).count() == 1


def test_resource_calendar_bad_dates_say_so_next_to_the_field_and_keep_the_input(client, member_user, resource):
    client.force_login(member_user)

    response = client.post(resource_url(resource), WINDOW | {"start": "2027-09-05", "note": "<b>x</b>"})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_end_errors"' in html
    assert "The last day cannot be before the first day." in html
    assert 'value="2027-09-05"' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert Period.objects.count() == 0


def test_resource_calendar_overlapping_booking_is_a_message_not_a_500(client, member_user, resource):
    PeriodFactory(person=None, resource=resource, start=D(2027, 9, 3), end=D(2027, 9, 4))
    client.force_login(member_user)

    response = client.post(resource_url(resource), WINDOW)

    assert response.status_code == 400
    assert "These days overlap another booking" in response.content.decode()


def test_company_calendars_list_each_resource_with_its_busy_days(client, member_user, resource, other_member_user):
    PeriodFactory(person=None, resource=resource, start=D(2099, 1, 1), end=D(2099, 1, 3))
    url = f"/en/people/calendars/company/{resource.member.slug}/"

    client.force_login(member_user)
    response = client.get(url)
    client.force_login(other_member_user)
    foreign = client.get(url)

    assert response.status_code == 200
    assert "ARRI Alexa Mini" in response.content.decode()
    assert "1 January 2099" in response.content.decode()
    assert foreign.status_code == 404


# --- Permissions: a managed location's calendar -------------------------------------------


def location_url(location, suffix=""):
    return f"/en/people/calendars/location/{location.slug}/{suffix}"


@pytest.fixture
def managed(firm):
    return LocationFactory(manager=firm, slug="salt-mine")


def test_location_calendar_anonymous_goes_to_login(client, managed):
    response = client.get(location_url(managed))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_location_calendar_managing_firms_user_marks_days(client, member_user, managed):
    client.force_login(member_user)

    assert client.get(location_url(managed)).status_code == 200
    assert client.post(location_url(managed), WINDOW).status_code == 302
    period = Period.objects.get(location=managed)
    assert client.post(location_url(managed, f"{period.pk}/delete/")).status_code == 302
    assert not Period.objects.filter(location=managed).exists()


def test_location_calendar_other_firms_user_gets_404(client, other_member_user, managed):
    period = PeriodFactory(person=None, location=managed)
    client.force_login(other_member_user)

    assert client.get(location_url(managed)).status_code == 404
    assert client.post(location_url(managed), WINDOW).status_code == 404
    assert client.post(location_url(managed, f"{period.pk}/delete/")).status_code == 404
    assert Period.objects.filter(location=managed).count() == 1


def test_location_calendar_cluster_managed_is_the_coordinators_only(client, member_user, coordinator):
    office = LocationFactory(manager=None, slug="market-square")

    client.force_login(member_user)
    member_response = client.get(location_url(office))
    client.force_login(coordinator)
    coordinator_response = client.post(location_url(office), WINDOW)

    assert member_response.status_code == 404
    assert coordinator_response.status_code == 302
    assert Period.objects.filter(location=office).count() == 1


def test_location_calendar_user_without_firm_gets_403(client, person_user, managed):
    client.force_login(person_user)

    assert client.get(location_url(managed)).status_code == 403


def test_location_page_shows_busy_days_but_never_kind_or_note(client, firm):
    location = LocationFactory(manager=firm, slug="castle", is_published=True)
    PeriodFactory(person=None, location=location, start=D(2099, 5, 1), end=D(2099, 5, 2), note="Secret client")
    HoldFactory(person=None, location=location, start=D(2099, 5, 3), end=D(2099, 5, 4), note="Pencil")

    html = client.get("/en/locations/castle/").content.decode()

    assert "1 May 2099 – 4 May 2099" in html
    assert "Secret client" not in html
    assert "Pencil" not in html
    assert "On hold" not in html


# --- Busy feeds ---------------------------------------------------------------------------


def test_resource_busy_feed_lists_busy_days_with_the_right_key_only(client, resource):
    PeriodFactory(person=None, resource=resource, start=D(2099, 2, 1), end=D(2099, 2, 2), note="Client X")
    PeriodFactory(person=None, resource=resource, kind=Period.Kind.AVAILABLE, start=D(2099, 3, 1), end=D(2099, 3, 2))
    key = services.owner_calendar_ensure(resource=resource).feed_token

    response = client.get(f"/en/people/feed/resource/{resource.pk}/{key}.ics")
    wrong = client.get(f"/en/people/feed/resource/{resource.pk}/{'0' * 32}.ics")
    other_kind = client.get(f"/en/people/feed/location/{resource.pk}/{key}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = [c for c in icalendar.Calendar.from_ical(response.content).walk() if c.name == "VEVENT"]
    assert [(e["DTSTART"].dt, e["DTEND"].dt, str(e["SUMMARY"])) for e in events] == [
        (D(2099, 2, 1), D(2099, 2, 3), "Busy")
    ]
    assert b"Client X" not in response.content
    assert wrong.status_code == 404
    assert other_kind.status_code == 404


def test_location_busy_feed_lists_busy_days(client, managed):
    PeriodFactory(person=None, location=managed, start=D(2099, 2, 1), end=D(2099, 2, 1))

    key = services.owner_calendar_ensure(location=managed).feed_token

    response = client.get(f"/en/people/feed/location/{managed.pk}/{key}.ics")

    assert response.status_code == 200
    assert b"DTSTART;VALUE=DATE:20990201" in response.content


# --- A firm's public list of resources, asked about dates ---------------------------------


def test_member_profile_marks_each_resource_free_or_busy_for_the_dates(client, firm, resource):
    spare = ResourceFactory(member=firm, name_pl="Dolly", name_en="Dolly")
    PeriodFactory(person=None, resource=resource, start=D(2027, 6, 1), end=D(2027, 6, 10), note="Client X")

    plain = client.get(f"/en/members/{firm.slug}/").content.decode()
    checked = client.get(f"/en/members/{firm.slug}/", {"available_from": "2027-06-10", "available_to": "2027-06-12"})
    later = client.get(f"/en/members/{firm.slug}/", {"available_from": "2027-06-11"})

    html = checked.content.decode()
    assert "data-resource-window" not in plain
    rows = html.split("data-resource-window>")[1:]
    assert [row.split("<", 1)[0] for row in rows] == ["Busy", "Free"]
    assert html.index("ARRI Alexa Mini") < html.index(spare.name_en)
    assert "Client X" not in html
    assert [row.split("<", 1)[0] for row in later.content.decode().split("data-resource-window>")[1:]] == [
        "Free",
        "Free",
    ]


def test_member_profile_bad_dates_for_resources_say_so_next_to_the_field(client, firm, resource):
    response = client.get(f"/en/members/{firm.slug}/", {"available_from": "2027-06-12", "available_to": "2027-06-10"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="resources-available_to_errors"' in html
    assert "data-resource-window" not in html
