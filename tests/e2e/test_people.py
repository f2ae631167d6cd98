"""Journeys of the people area: a producer finds who is free for their dates, shortlists a
person and a firm and asks both at once; a member firm pencils a lead's window on its
gaffer, who then drops out of "available" for those days."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Inquiry, ServiceCategory
from people import taxonomy
from people.models import Department, Period, PersonInquiry, Role
from productions.models import LeadResponse
from tests.factories.accounts import MembershipFactory
from tests.factories.members import MemberFactory, ServiceCategoryFactory
from tests.factories.people import PeriodFactory, PersonFactory
from tests.factories.productions import ProductionLeadFactory

D = datetime.date


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _find_gaffers(page, start: str, end: str):
    page.goto("/en/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Crew and artists")
    page.locator(".people-filters summary").click()
    page.get_by_label("Role").select_option(label="Gaffer")
    page.get_by_label("Available from").fill(start)
    page.get_by_label("Available until").fill(end)
    page.get_by_role("button", name="Find people").click()
    expect(page.locator("#people-results")).to_contain_text("free from")


@pytest.mark.django_db(transaction=True)
def test_producer_finds_a_free_gaffer_and_asks_her_and_a_firm_with_one_inquiry(page, live_server):
    taxonomy.load(Department, Role, ServiceCategory)
    firm = MemberFactory(name="Lux Lighting", slug="lux-lighting")
    PersonFactory(name="Anna Free", slug="anna-free", roles=["gaffer"])
    booked = PersonFactory(name="Bogdan Booked", slug="bogdan-booked", roles=["gaffer"])
    PeriodFactory(person=booked, start=D(2027, 7, 5), end=D(2027, 7, 12))
    PersonFactory(name="Celina Composer", slug="celina-composer", roles=["composer"])

    _find_gaffers(page, "2027-07-10", "2027-07-14")

    results = page.locator("[data-people-results] .person-card")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Anna Free")
    results.first.get_by_role("button", name=re.compile("Add to shortlist")).click()
    expect(page.get_by_role("link", name="Shortlist (1 person)")).to_be_visible()

    page.goto("/en/members/lux-lighting/")
    page.get_by_role("button", name="Add to shortlist").click()
    page.goto("/en/members/shortlist/")
    expect(page.get_by_role("link", name="Anna Free")).to_be_visible()
    expect(page.get_by_role("link", name="Lux Lighting")).to_be_visible()
    page.get_by_label("Your name").fill("Ingrid Berg")
    page.get_by_label("Your email").fill("ingrid@example.org")
    page.locator("#id_message").fill("A feature in July: we need a gaffer and lights for 5 days.")
    page.get_by_label(re.compile("I agree that my name")).check()
    page.get_by_role("button", name="Send to all companies on the list").click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    inquiry = Inquiry.objects.get()
    assert [m.name for m in inquiry.recipients.all()] == [firm.name]
    assert list(PersonInquiry.objects.values_list("person__slug", flat=True)) == ["anna-free"]


@pytest.mark.django_db(transaction=True)
def test_member_pencils_a_lead_and_the_person_is_no_longer_available(page, browser, live_server):
    taxonomy.load(Department, Role, ServiceCategory)
    lighting = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie")
    Department.objects.get(slug="lighting").services.add(lighting)
    firm = MemberFactory(name="Lux Lighting", slug="lux-lighting")
    member_user = MembershipFactory(member=firm, user__email="member@example.org").user
    gaffer = PersonFactory(name="Anna Gaffer", slug="anna-gaffer", roles=["gaffer"])
    gaffer.firms.add(firm)
    lead = ProductionLeadFactory(
        title_en="Winter Crossing",
        shooting_start=D(2027, 9, 1),
        shooting_end=D(2027, 9, 14),
        services_needed=[lighting],
    )
    LeadResponse.objects.create(lead=lead, member=firm, status=LeadResponse.Status.INTERESTED, user=member_user)

    # Before: a producer sees her free on those days.
    _find_gaffers(page, "2027-09-03", "2027-09-05")
    expect(page.locator("[data-people-results] .person-card")).to_have_count(1)

    member_context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/Warsaw")
    member_context.set_default_timeout(15_000)
    member_page = member_context.new_page()
    try:
        _log_in(member_page, live_server, member_user)
        member_page.goto(f"/en/productions/{lead.pk}/")
        expect(member_page.locator("[data-free-people]")).to_contain_text("Anna Gaffer")
        member_page.get_by_role("link", name="Pencil this window on your people and resources").click()
        expect(member_page.get_by_role("heading", level=1)).to_have_text("Pencil the shooting window")
        member_page.get_by_label("Anna Gaffer").check()
        member_page.get_by_role("button", name="Pencil these dates").click()
        expect(member_page.get_by_text("The shooting window has been pencilled.")).to_be_visible()
        expect(member_page.get_by_text(re.compile("expires"))).to_be_visible()
    finally:
        member_context.close()

    hold = Period.objects.get()
    assert (hold.person_id, hold.kind, hold.start, hold.end) == (gaffer.pk, "hold", D(2027, 9, 1), D(2027, 9, 14))
    assert hold.expires_at > timezone.now()

    # After: she is gone from "available" for those dates, and still there the day after the window.
    _find_gaffers(page, "2027-09-03", "2027-09-05")
    expect(page.locator("[data-people-results] .person-card")).to_have_count(0)
    _find_gaffers(page, "2027-09-15", "2027-09-16")
    expect(page.locator("[data-people-results] .person-card")).to_have_count(1)


@pytest.mark.django_db(transaction=True)
def test_first_person_is_on_the_first_screen_of_a_phone(browser, live_server):
    taxonomy.load(Department, Role, ServiceCategory)
    for n in range(6):
        PersonFactory(name=f"Person {n}", roles=["gaffer"])
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB")
    try:
        page = context.new_page()
        page.goto("/en/people/?role=gaffer")
        box = page.locator("[data-people-results] .person-card").first.bounding_box()
        assert box is not None
        assert box["y"] < 844
    finally:
        context.close()
