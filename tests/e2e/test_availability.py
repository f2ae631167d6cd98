"""A firm's user on a 390 px phone books their only camera for three days in "My company"
with the month grid, and a producer filtering the catalogue by those days no longer sees
the firm (and still does the day after); the calendar page has no axe violations with
the grid drawn, and is a plain form that works without JavaScript."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from people.models import Period
from tests.factories.accounts import MembershipFactory
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory, ResourceFactory
from tests.factories.people import PeriodFactory

PHONE = {"width": 390, "height": 844}


def _context(browser, live_server, user=None, **kwargs):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en-GB", timezone_id="Europe/Warsaw", **kwargs
    )
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def _next_month_days():
    today = timezone.localdate()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first + datetime.timedelta(days=9), first + datetime.timedelta(days=11)


@pytest.mark.django_db(transaction=True)
def test_firm_books_its_only_camera_on_a_phone_and_drops_out_of_the_catalogue_for_those_days(
    page, browser, live_server
):
    firm = MemberFactory(name="Kadr Rental", slug="kadr-rental")
    MemberFactory(name="Other Studio", slug="other-studio")
    camera = ResourceFactory(member=firm, name_en="ARRI Alexa Mini", name_pl="ARRI Alexa Mini")
    user = MembershipFactory(member=firm, user__email="kadr@example.org").user
    start, end = _next_month_days()

    member = _context(browser, live_server, user)
    try:
        phone = member.new_page()
        phone.goto("/en/my-company/kadr-rental/")
        phone.get_by_role("link", name="Availability", exact=True).click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Availability · Kadr Rental")
        phone.get_by_role("link", name="ARRI Alexa Mini", exact=True).click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Availability of ARRI Alexa Mini")

        phone.get_by_role("button", name="Next month").click()
        phone.locator(f'[data-day="{start:%Y-%m-%d}"]').click()
        expect(phone.get_by_role("status")).to_contain_text("Now tap the last day.")
        phone.locator(f'[data-day="{end:%Y-%m-%d}"]').click()
        expect(phone.get_by_label("First day")).to_have_value(f"{start:%Y-%m-%d}")
        expect(phone.get_by_label("Last day")).to_have_value(f"{end:%Y-%m-%d}")
        grid_box = phone.locator("[data-calendar-grid]").bounding_box()
        assert grid_box is not None
        assert grid_box["x"] + grid_box["width"] <= PHONE["width"]
        phone.get_by_label("Mark these days as").select_option("booked")
        phone.get_by_role("button", name="Mark these days").click()

        expect(phone.get_by_text("The days have been marked.")).to_be_visible()
        phone.get_by_role("button", name="Next month").click()
        booked_day = phone.locator(f'[data-day="{start + datetime.timedelta(days=1):%Y-%m-%d}"]')
        expect(booked_day).to_have_class(re.compile("calendar-editor__day--booked"))
        expect(booked_day).to_have_attribute("aria-label", re.compile(", Booked$"))
        axe = Axe().run(phone).response["violations"]
        assert [v["id"] for v in axe] == []
    finally:
        member.close()

    period = Period.objects.get()
    assert (period.resource_id, period.kind, period.start, period.end) == (camera.pk, "booked", start, end)

    producer = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
    try:
        catalogue = producer.new_page()
        catalogue.goto(f"/en/members/?available_from={start:%Y-%m-%d}&available_to={end:%Y-%m-%d}")
        expect(catalogue.get_by_role("link", name="Other Studio")).to_be_visible()
        expect(catalogue.get_by_role("link", name="Kadr Rental")).to_have_count(0)
        later = end + datetime.timedelta(days=1)
        catalogue.goto(f"/en/members/?available_from={later:%Y-%m-%d}&available_to={later:%Y-%m-%d}")
        expect(catalogue.get_by_role("link", name="Kadr Rental")).to_be_visible()
    finally:
        producer.close()


@pytest.mark.django_db(transaction=True)
def test_resource_calendar_works_without_javascript(browser, live_server):
    firm = MemberFactory(name="Kadr Rental", slug="kadr-rental")
    camera = ResourceFactory(member=firm)
    user = MembershipFactory(member=firm).user
    context = _context(browser, live_server, user, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"/en/people/calendars/company/kadr-rental/resource/{camera.pk}/")
        expect(page.locator("[data-calendar-grid]")).to_be_hidden()
        page.get_by_label("Mark these days as").select_option("hold")
        page.get_by_label("First day").fill("2099-03-01")
        page.get_by_label("Last day").fill("2099-03-02")
        page.get_by_role("button", name="Mark these days").click()
        expect(page.get_by_text("The days have been marked.")).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^Remove\W+1 March 2099 – 2 March 2099$")).click()
        expect(page.get_by_text("The entry has been removed.")).to_be_visible()
    finally:
        context.close()

    assert Period.objects.count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "pl"])
def test_pages_showing_availability_have_no_axe_violations(page, language):
    firm = MemberFactory(name="Kadr Rental", slug="kadr-rental")
    camera = ResourceFactory(member=firm)
    ResourceFactory(member=firm, name_en="Dolly", name_pl="Wózek")
    PeriodFactory(person=None, resource=camera, start=datetime.date(2099, 6, 1), end=datetime.date(2099, 6, 10))
    castle = LocationFactory(manager=firm, slug="castle", is_published=True)
    PeriodFactory(person=None, location=castle, start=datetime.date(2099, 6, 1), end=datetime.date(2099, 6, 2))
    paths = [
        f"/{language}/members/kadr-rental/?available_from=2099-06-05&available_to=2099-06-12",
        f"/{language}/members/?available_from=2099-06-12&available_to=2099-06-05",
        f"/{language}/locations/castle/",
    ]

    found = []
    for path in paths:
        page.goto(path, wait_until="networkidle")
        found += [f"{path}: {v['id']}" for v in Axe().run(page).response["violations"]]

    assert found == []
