"""Journey: a foreign producer asks the cluster, the coordinator turns the inquiry into
a lead and publishes it, and the demo member's firm says it is interested."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from productions.models import LeadResponse, ProductionInquiry, ProductionLead
from tests.factories.accounts import CoordinatorFactory, MembershipFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory


def _log_in(page, live_server, user):
    """Reuse a real session made by Django's test client (the login form is the accounts
    area's journey, not this one's)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.django_db(transaction=True)
def test_inquiry_becomes_a_published_lead_that_the_matching_member_marks_interesting(page, browser, live_server):
    rental = ServiceCategoryFactory(slug="rental", name_en="Equipment rental", name_pl="Wypożyczalnie sprzętu")
    camera = ServiceCategoryFactory(
        slug="camera-rental", name_en="Camera and lens rental", name_pl="Wypożyczalnia kamer", parent=rental
    )
    ServiceCategoryFactory(slug="catering", name_en="Catering", name_pl="Catering")
    firm = MemberFactory(name="Kadr i Dźwięk Studio")
    MemberServiceFactory(member=firm, category=camera)
    member_user = MembershipFactory(member=firm, user__email="member@example.org").user
    coordinator = CoordinatorFactory(email="coordinator@example.org")

    # 1. The foreign producer sends an inquiry in English.
    page.goto("/en/productions/inquiry/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Production inquiry")
    page.get_by_label("Your name").fill("Ingrid Berg")
    page.get_by_label("Company").fill("Fjord Pictures")
    page.get_by_label("Country").fill("Norway")
    page.get_by_label("Email").fill("ingrid@example.org")
    page.get_by_label("Project title").fill("Northern Crossing")
    page.get_by_label("Kind of production").select_option("series")
    page.get_by_label("Camera and lens rental").check()
    page.get_by_label("Message").fill("Six episodes, winter exteriors.")
    page.get_by_label(re.compile("I agree that the cluster office")).check()
    page.get_by_role("button", name="Send inquiry").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your inquiry", timeout=30_000)
    inquiry = ProductionInquiry.objects.get()
    assert (inquiry.language, inquiry.company) == ("en", "Fjord Pictures")

    # 2. The coordinator converts it in the admin and publishes it to members.
    _log_in(page, live_server, coordinator)
    page.goto("/admin/productions/productioninquiry/")
    page.locator('input[name="_selected_action"]').first.check()
    page.locator('select[name="action"]').select_option("convert_to_lead")
    page.locator('button[name="index"]').click()
    expect(page.get_by_text("Draft lead created.")).to_be_visible(timeout=30_000)
    lead = ProductionLead.objects.get()
    assert page.url.endswith(f"/admin/productions/productionlead/{lead.pk}/change/")

    page.goto("/admin/productions/productionlead/")
    page.locator(f'input[name="_selected_action"][value="{lead.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish")
    page.locator('button[name="index"]').click()
    # The desk says who will receive it before anything is sent.
    expect(page.get_by_text(re.compile(r"1 firm will receive it"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Yes, publish to members").click()
    expect(page.get_by_text(re.compile(r"Published; 1 alert emails queued\."))).to_be_visible(timeout=30_000)

    # 3. The member sees it as matching their services and marks interest.
    member_context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/Warsaw")
    member_context.set_default_timeout(15_000)
    member_page = member_context.new_page()
    try:
        _log_in(member_page, live_server, member_user)
        member_page.goto("/en/productions/")
        card = member_page.locator(".lead-card", has_text="Northern Crossing")
        expect(card.get_by_text("Matches your services")).to_be_visible()
        card.get_by_role("link", name="Northern Crossing").click()
        member_page.get_by_label("Note for the cluster office").fill("Two camera packages free in February.")
        member_page.get_by_role("button", name="We are interested").click()
        expect(member_page.get_by_text("Kadr i Dźwięk Studio is marked as interested.")).to_be_visible(timeout=30_000)
        expect(member_page.get_by_role("button", name="Update our note")).to_be_visible()
    finally:
        member_context.close()

    assert list(LeadResponse.objects.values_list("member_id", "status", "note")) == [
        (firm.pk, "interested", "Two camera packages free in February.")
    ]
