"""An English-speaking producer on a phone, with no network beyond the portal: filters
the locations library by a category, sees the region's outline and the markers on the
map (the tile server is unreachable), opens a location from its marker with the
keyboard, adds it and a company to the shortlist and sends one inquiry; the firm that
manages the location receives it through a real SMTP server on loopback."""

import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from locations.models import LocationInquiry
from tests.factories.accounts import MembershipFactory
from tests.factories.locations import LocationCategoryFactory, LocationFactory, LocationPhotoFactory
from tests.factories.members import MemberFactory

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def offline_phone(browser, live_server, settings):
    """A phone whose browser reaches the portal and nothing else (tiles fail)."""
    settings.LOCATIONS_MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    portal = urlparse(live_server.url).netloc
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    context.set_default_timeout(20_000)
    blocked = []

    def only_the_portal(route):
        if urlparse(route.request.url).netloc == portal:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_the_portal)
    page = context.new_page()
    page.blocked = blocked
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
def test_producer_filters_sees_the_map_offline_and_asks_a_firm_and_a_location(
    offline_phone, smtp_server, artifacts_dir
):
    page = offline_phone
    architecture = LocationCategoryFactory(slug="architecture", name_en="Architecture", name_pl="Architektura")
    castle = LocationCategoryFactory(slug="castle", name_en="Castle", name_pl="Zamek", parent=architecture)
    lake = LocationCategoryFactory(slug="lake", name_en="Lake", name_pl="Jezioro")
    scouts = MemberFactory(slug="scouts", name="Scouts Alpha", email="", languages=["en"])
    MembershipFactory(member=scouts, user__email="scout@scouts.example.org")
    managed = LocationFactory(
        slug="castle-above-the-river", name_en="Castle above the river", name_pl="Zamek nad rzeką",
        municipality="Niedzica", latitude=Decimal("49.4197"), longitude=Decimal("20.3197"),
        categories=[castle], manager=scouts,
    )  # fmt: skip
    LocationPhotoFactory(location=managed, alt_text_en="The castle over the reservoir")
    LocationFactory(
        slug="castle-ruins", name_en="Castle ruins", municipality="Ojców",
        latitude=Decimal("50.2100"), longitude=Decimal("19.8290"), categories=[castle],
    )  # fmt: skip
    LocationFactory(slug="mountain-lake", name_en="Mountain lake", municipality="Czorsztyn", categories=[lake])
    MemberFactory(slug="kadr", name="Kadr Studio", email="office@kadr.example.org", languages=["en"])

    page.goto("/en/locations/")
    expect(page.get_by_role("heading", level=2, name="3 locations found")).to_be_visible()
    first_card = page.locator(".location-card").first
    expect(first_card).to_be_in_viewport()  # results come first on a phone
    page.get_by_label("Category").select_option("castle")
    page.get_by_role("button", name="Show locations").click()

    expect(page).to_have_url(re.compile(r"/en/locations/\?.*category=castle"))
    expect(page.get_by_role("heading", level=2, name="2 locations found")).to_be_visible()
    the_map = page.locator("[data-location-map]")
    expect(the_map).to_have_attribute("data-markers", "2")
    expect(the_map).to_have_attribute("data-outline", "shown")
    the_map.scroll_into_view_if_needed()
    expect(the_map.locator(".leaflet-overlay-pane path")).to_be_visible()  # the region's outline
    markers = the_map.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(2)
    expect(markers.first).to_be_visible()
    assert any("tile.openstreetmap.org" in url for url in page.blocked)  # the tiles never came
    page.screenshot(path=artifacts_dir / "producer-locations-offline-map.png", full_page=True)

    # Keyboard: focus a marker, Enter opens its popup with the focus on its link.
    page.locator(".leaflet-marker-icon[title='Castle above the river']").focus()
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a", has_text="Castle above the river")
    expect(popup_link).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1, name="Castle above the river")).to_be_visible()
    expect(page.get_by_role("img", name="The castle over the reservoir")).to_be_visible()
    expect(page.locator("[data-location-map]")).to_have_attribute("data-markers", "1")
    page.get_by_role("button", name="Ask about this location").click()
    expect(page.get_by_role("button", name="Remove from shortlist")).to_be_visible()

    page.goto("/en/members/kadr/")
    page.get_by_role("button", name="Add to shortlist").click()
    page.goto("/en/members/shortlist/")
    expect(page.get_by_role("link", name="Kadr Studio")).to_be_visible()
    expect(page.get_by_role("link", name="Castle above the river")).to_be_visible()
    page.get_by_label("Your name").fill("Jane Producer")
    page.get_by_label("Your email").fill("jane@northstar.example.org")
    page.get_by_label("Your company or production").fill("North Star Films")
    page.get_by_role("textbox", name="Message").fill("We need a castle and a crew in May.")
    page.get_by_label(re.compile("I agree that my name")).check()
    page.get_by_role("button", name="Send to all companies on the list").click()

    expect(page.get_by_role("heading", level=1, name="Thank you, your inquiry is on its way")).to_be_visible()
    smtp_server.wait_for(3)
    (to_firm,) = smtp_server.to("scout@scouts.example.org")
    body = to_firm.get_body(preferencelist=("plain",)).get_content()
    assert "Castle above the river" in body
    assert "We need a castle and a crew in May." in body
    assert to_firm["Reply-To"] == "jane@northstar.example.org"
    assert len(smtp_server.to("office@kadr.example.org")) == 1
    assert LocationInquiry.objects.get().location == managed
