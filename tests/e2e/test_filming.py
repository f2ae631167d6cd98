"""A producer on a phone opens the filming guide from the home page, estimates the cash
rebate in English (a typo first), and sends the estimate to the cluster as a production
inquiry; the coordinator reads the figures on the inquiry in the admin."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from playwright.sync_api import expect

from productions.models import ProductionInquiry
from tests.factories.accounts import CoordinatorFactory
from tests.factories.filming import EuroRateFactory, GuidePageFactory, IncentiveSchemeFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

PHONE = {"width": 360, "height": 780}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def _filming_data():
    line = ServiceCategoryFactory(slug="line-production", name_en="Line production", name_pl="Producent wykonawczy")
    firm = MemberFactory(name="Wawel Line Producers", city="Kraków")
    MemberServiceFactory(member=firm, category=line)
    scheme = IncentiveSchemeFactory(
        slug="national-rebate",
        name_en="National rebate",
        rate_percent=Decimal("30"),
        cap_per_project=Decimal("1000000"),
        requires_local_service_company=True,
        thresholds={"feature": Decimal("1000000")},
    )
    scheme.service_company_services.set([line])
    GuidePageFactory(slug="permits", title_en="Filming permits", summary_en="City, roads, drones.")
    EuroRateFactory(pln_per_eur=Decimal("4.0000"))


def test_producer_estimates_the_rebate_on_a_phone_and_sends_it_to_the_cluster(phone, live_server, artifacts_dir):
    _filming_data()

    phone.goto("/en/")
    phone.get_by_role("link", name=re.compile("The producer's guide")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Filming in the region")
    expect(phone.get_by_role("link", name="Filming permits")).to_be_visible()
    phone.get_by_role("link", name="Estimate your rebate").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Estimate your cash rebate")

    phone.get_by_label("Kind of production").select_option("feature")
    phone.get_by_label("Local crew and cast").fill("2 000 000")
    phone.get_by_label("Equipment rental").fill("five hundred")
    phone.get_by_role("button", name="Estimate", exact=True).click()
    expect(phone.locator("#id_spend_equipment_errors")).to_have_text(
        "Enter an amount in złoty using digits, for example 250000 or 250 000,50."
    )
    expect(phone.get_by_label("Equipment rental")).to_have_value("five hundred")
    expect(phone.get_by_label("Local crew and cast")).to_have_value("2 000 000")

    phone.get_by_label("Equipment rental").fill("500000")
    phone.get_by_role("button", name="Estimate", exact=True).click()
    result = phone.locator("#result")
    expect(result).to_be_in_viewport()
    expect(result.locator(".estimate-outcome__amount")).to_have_text(
        re.compile(r"Estimated amount:\s+PLN\u00a0750,000\.00\s+\(€187,500\.00\)")
    )
    expect(result).to_contain_text("30% of eligible local spend of PLN\u00a02,500,000.00 = PLN\u00a0750,000.00.")
    expect(result).to_contain_text("This is an estimate, not a decision")
    expect(result.get_by_role("link", name="Wawel Line Producers")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
    phone.screenshot(path=artifacts_dir / "phone-rebate-estimate.png", full_page=True)

    inquiry = phone.locator("form[action='/en/filming/estimate/inquiry/']")
    inquiry.get_by_label("Your name").fill("Ingrid Berg")
    inquiry.get_by_label("Company").fill("Fjord Pictures")
    inquiry.get_by_label("Country").fill("Norway")
    inquiry.get_by_label("Email").fill("ingrid@example.org")
    inquiry.get_by_label("Project title").fill("Northern Crossing")
    inquiry.get_by_label(re.compile("Anything else")).fill("Twelve winter days.")
    inquiry.get_by_label(re.compile("I agree that the cluster office processes")).check()
    inquiry.get_by_role("button", name="Send to the cluster").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your inquiry is with the cluster")

    sent = ProductionInquiry.objects.get()
    assert sent.project_title == "Northern Crossing"
    assert sent.rebate_estimates.get().best_amount == Decimal("750000.00")

    client = Client()
    client.force_login(CoordinatorFactory())
    phone.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    phone.goto(f"/admin/productions/productioninquiry/{sent.pk}/change/")
    estimate = phone.locator(".inline-group").filter(has_text="National rebate")
    expect(estimate).to_contain_text(re.compile(r"PLN\u00a02,500,000\.00|2\u00a0500\u00a0000,00\u00a0zł"))
    expect(estimate).to_contain_text(re.compile(r"PLN\u00a0750,000\.00|750\u00a0000,00\u00a0zł"))
    expect(phone.locator("#id_message")).to_have_value(re.compile(r"^Twelve winter days\.\n\nRebate estimate"))
