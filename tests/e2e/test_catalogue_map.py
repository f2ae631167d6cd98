"""The catalogue's map view, in a browser with no network beyond the portal: an
English-speaking producer on a phone filters the catalogue by a service, switches to the
map and sees the firms' markers over the region's outline (the tiles never load), opens
a firm from its marker with the keyboard; a filter changed on the map keeps the map. A
firm's user places the firm by clicking the map in "My company"."""

import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Membership
from members.models import Member
from tests.e2e.conftest import csp_violations
from tests.factories.accounts import MembershipFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

PHONE = {"width": 390, "height": 844}


def offline(context, live_server) -> list[str]:
    """Let the context reach the portal only; returns the list of refused addresses."""
    portal = urlparse(live_server.url).netloc
    blocked: list[str] = []

    def only_the_portal(route):
        if urlparse(route.request.url).netloc == portal:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_the_portal)
    return blocked


@pytest.fixture
def offline_phone(browser, live_server, settings):
    settings.LOCATIONS_MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    context.set_default_timeout(20_000)
    blocked = offline(context, live_server)
    page = context.new_page()
    page.blocked = blocked
    page.refused = csp_violations(page)
    yield page
    context.close()


def axe_problems(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in Axe().run(page).response["violations"]
    ]


@pytest.mark.django_db(transaction=True)
def test_producer_sees_the_filtered_firms_on_the_map_offline(offline_phone, artifacts_dir):
    page = offline_phone
    rental = ServiceCategoryFactory(slug="rental", name_en="Equipment rental", name_pl="Wypożyczalnie")
    lighting = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie", parent=rental)
    sound = ServiceCategoryFactory(slug="sound", name_en="Sound post-production", name_pl="Dźwięk")
    for slug, name, city, category, lat, lng in [
        ("swiatlo", "Światło Lighting", "Tarnów", lighting, "50.01381", "20.98698"),
        ("krakow-light", "Kraków Light", "Kraków", lighting, "50.06143", "19.93658"),
        ("tarnow-sound", "Tarnów Sound", "Tarnów", sound, "50.01500", "20.99000"),
    ]:
        member = MemberFactory(slug=slug, name=name, city=city, latitude=Decimal(lat), longitude=Decimal(lng))
        MemberServiceFactory(member=member, category=category)
    hidden = MemberFactory(slug="hidden", name="Hidden Light", is_public=False, latitude=50, longitude=20)
    MemberServiceFactory(member=hidden, category=lighting)

    page.goto("/en/members/?service=lighting")
    expect(page.get_by_role("heading", level=2, name="2 members found")).to_be_visible()
    page.get_by_role("link", name="Map", exact=True).click()

    expect(page).to_have_url(re.compile(r"/en/members/\?service=lighting&view=map$"))
    the_map = page.locator("[data-member-map]")
    expect(the_map).to_have_attribute("data-markers", "2")
    expect(the_map).to_have_attribute("data-outline", "shown")
    the_map.scroll_into_view_if_needed()
    expect(the_map.locator(".leaflet-overlay-pane path")).to_be_visible()  # the region's outline
    expect(the_map.locator(".leaflet-marker-icon")).to_have_count(2)
    expect(page.locator(".leaflet-marker-icon[title='Hidden Light']")).to_have_count(0)
    assert any("tile.openstreetmap.org" in url for url in page.blocked)  # the tiles never came
    expect(page.get_by_role("link", name="Światło Lighting").first).to_be_visible()  # the list is still there
    assert axe_problems(page) == []
    page.screenshot(path=artifacts_dir / "catalogue-map-offline.png", full_page=True)

    # Another filter on the map view keeps the map (the results region is reloaded in place).
    page.get_by_role("button", name=re.compile(r"^Filters")).click()
    page.get_by_label(re.compile(r"^Tarnów")).check()
    expect(page.get_by_role("heading", level=2, name="1 member found")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"city=Tarn.*view=map|view=map.*city=Tarn"))
    page.keyboard.press("Escape")
    expect(page.locator("[data-member-map]")).to_have_attribute("data-markers", "1")

    # Keyboard: focus the marker, Enter opens its popup with the focus on the firm's link.
    page.locator(".leaflet-marker-icon[title='Światło Lighting']").focus()
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a", has_text="Światło Lighting")
    expect(popup_link).to_be_focused()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Tarnów · Lighting")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Światło Lighting")).to_be_visible()
    assert page.refused == []


@pytest.mark.django_db(transaction=True)
def test_polish_map_view_has_no_axe_violations(offline_phone):
    MemberFactory(slug="kadr", name="Kadr", latitude=Decimal("50.06"), longitude=Decimal("19.94"))

    offline_phone.goto("/pl/members/?view=map")

    expect(offline_phone.locator("[data-member-map]")).to_have_attribute("data-markers", "1")
    # Leaflet's zoom buttons speak the page's language, not Leaflet's English.
    expect(offline_phone.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Przybliż")
    expect(offline_phone.locator(".leaflet-control-zoom-out")).to_have_attribute("aria-label", "Oddal")
    assert axe_problems(offline_phone) == []


@pytest.mark.django_db(transaction=True)
def test_firm_places_itself_by_clicking_the_map(browser, live_server, settings):
    settings.LOCATIONS_MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    membership = MembershipFactory(role=Membership.Role.EDITOR, member=MemberFactory(slug="kadr", name="Kadr"))
    client = Client()
    client.force_login(membership.user)
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    offline(context, live_server)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    refused = csp_violations(page)
    try:
        page.goto("/en/my-company/kadr/")
        the_map = page.locator("[data-company-map]")
        expect(the_map).to_be_visible()
        the_map.scroll_into_view_if_needed()
        page.get_by_label("Place the firm at a town").select_option(label="Tarnów (małopolskie)")
        the_map.click(position={"x": 200, "y": 120})
        expect(the_map).to_have_attribute("data-picked", "yes")
        expect(page.get_by_label("Place the firm at a town")).to_have_value("")  # the click wins over the town
        latitude = page.get_by_label("Latitude").input_value()
        longitude = page.get_by_label("Longitude").input_value()
        assert re.fullmatch(r"\d+\.\d{5}", latitude)
        page.get_by_role("button", name="Save the profile").click()
        expect(page.get_by_text("The profile is saved")).to_be_visible()
    finally:
        context.close()

    member = Member.objects.get(slug="kadr")
    assert (member.latitude, member.longitude) == (Decimal(latitude), Decimal(longitude))
    assert member.is_on_map
    assert refused == []
