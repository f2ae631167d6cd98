"""An English-speaking producer finds a company in the catalogue and sends it an inquiry."""

import re

import pytest
from playwright.sync_api import expect

from members.models import Inquiry
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory


@pytest.mark.django_db(transaction=True)
def test_producer_filters_catalogue_opens_profile_and_sends_inquiry(page, artifacts_dir):
    rental = ServiceCategoryFactory(slug="rental", name_en="Equipment rental", name_pl="Wypożyczalnie")
    lighting = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie", parent=rental)
    sound = ServiceCategoryFactory(slug="sound", name_en="Sound post-production", name_pl="Dźwięk")
    target = MemberFactory(slug="swiatlo", name="Światło Lighting", city="Tarnów", languages=["en"])
    MemberServiceFactory(member=target, category=lighting)
    MemberServiceFactory(
        member=MemberFactory(slug="krakow-light", name="Kraków Light", city="Kraków"), category=lighting
    )
    MemberServiceFactory(member=MemberFactory(slug="tarnow-sound", name="Tarnów Sound", city="Tarnów"), category=sound)

    page.goto("/en/members/")
    expect(page.get_by_role("heading", level=2, name="3 members found")).to_be_visible()

    page.evaluate("window.sameDocument = true")
    page.get_by_label(re.compile(r"^Lighting")).check()
    expect(page.get_by_role("heading", level=2, name="2 members found")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"service=lighting"))
    page.get_by_label(re.compile(r"^Tarnów")).check()
    expect(page.get_by_role("heading", level=2, name="1 member found")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"service=lighting.*city=Tarn"))
    assert page.evaluate("window.sameDocument") is True  # updated in place, no full reload
    page.screenshot(path=artifacts_dir / "producer-catalogue-filtered.png", full_page=True)

    page.get_by_role("link", name="Światło Lighting").click()
    expect(page.get_by_role("heading", level=1, name="Światło Lighting")).to_be_visible()
    page.screenshot(path=artifacts_dir / "producer-profile.png", full_page=True)
    page.get_by_label("Your name").fill("Jane Producer")
    page.get_by_label("Your email").fill("jane@northstar.example.org")
    page.get_by_label("Your company or production").fill("North Star Films")
    page.get_by_role("textbox", name="Message").fill("We shoot in Tarnów in May and need a lighting crew.")
    page.get_by_label(re.compile("I agree that my name")).check()
    page.get_by_role("button", name="Send the inquiry").click()

    expect(page.get_by_role("heading", level=1, name="Thank you, your inquiry is on its way")).to_be_visible()
    inquiry = Inquiry.objects.get()
    assert list(inquiry.recipients.values_list("slug", flat=True)) == ["swiatlo"]
    assert inquiry.message == "We shoot in Tarnów in May and need a lighting crew."
    assert inquiry.language == "en"


@pytest.mark.django_db(transaction=True)
def test_catalogue_filters_work_without_javascript(browser, live_server):
    lighting = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie")
    MemberServiceFactory(member=MemberFactory(name="Kraków Light", city="Kraków"), category=lighting)
    MemberFactory(name="Tarnów Sound", city="Tarnów")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto("/en/members/")
        page.get_by_label(re.compile(r"^Lighting")).check()
        page.get_by_role("button", name=re.compile(r"^Show \d+ results?$")).click()

        expect(page.get_by_role("heading", level=2, name="1 member found")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/en/members/\?.*service=lighting"))
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_printed_catalogue_is_a_brochure_without_filters_or_buttons(page, artifacts_dir):
    MemberFactory(name="Kraków Light", city="Kraków", email="office@light.example.org")

    page.goto("/en/members/")
    page.emulate_media(media="print")

    expect(page.locator("[data-catalogue-form]")).to_be_hidden()
    expect(page.get_by_role("button", name=re.compile("Add to shortlist"))).to_be_hidden()
    expect(page.get_by_role("heading", level=2, name="Kraków Light")).to_be_visible()
    expect(page.get_by_text("office@light.example.org")).to_be_visible()
    page.pdf(path=artifacts_dir / "catalogue-print.pdf")
