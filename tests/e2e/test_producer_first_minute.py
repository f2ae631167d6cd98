"""A producer's first minute, on a phone and on a desktop: the home page shows the
cluster's work and leads into the catalogue, the catalogue starts on the first screen,
galleries open in a lightbox that works by keyboard."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories.events import EventFactory
from tests.factories.members import (
    GalleryImageFactory,
    MemberFactory,
    MemberServiceFactory,
    ServiceCategoryFactory,
    png_bytes,
)

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.django_db(transaction=True)


def picture(name):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def make_catalogue(count=12):
    rental = ServiceCategoryFactory(slug="rental", name_en="Equipment rental", name_pl="Wypożyczalnie")
    lighting = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie", parent=rental)
    sound = ServiceCategoryFactory(slug="sound", name_en="Sound post-production", name_pl="Dźwięk", position=5)
    for n in range(count):
        member = MemberFactory(name=f"Studio {n:02d}", city=["Kraków", "Tarnów"][n % 2], logo=picture(f"l{n}.png"))
        MemberServiceFactory(member=member, category=lighting if n % 3 else sound)
        GalleryImageFactory(member=member, caption_en=f"Still {n} on set")


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_phone_catalogue_starts_on_the_first_screen_with_filters_folded(phone, artifacts_dir):
    make_catalogue()

    phone.goto("/en/members/")

    first_card = phone.locator(".member-card").first
    assert first_card.bounding_box()["y"] < PHONE["height"] - 150  # its name and place are on screen too
    expect(phone.locator("[data-catalogue-form]")).to_be_hidden()
    toggle = phone.get_by_role("button", name="Filters (0)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    phone.screenshot(path=artifacts_dir / "phone-catalogue.png")

    toggle.click()
    expect(phone.locator("[data-catalogue-form]")).to_be_visible()
    phone.get_by_label(re.compile(r"^Sound post-production")).check()
    apply = phone.get_by_role("button", name="Show 4 results")
    expect(apply).to_be_in_viewport()  # sticky at the bottom of the open panel
    apply.click()

    expect(phone.locator("[data-catalogue-form]")).to_be_hidden()
    expect(phone.get_by_role("heading", level=2, name="4 members found")).to_be_visible()
    expect(phone.get_by_role("button", name="Filters (1)")).to_be_visible()
    expect(phone.locator("[data-catalogue-status]")).to_have_text("4 members found")
    expect(phone).to_have_url(re.compile(r"service=sound"))


def test_phone_menu_folds_the_navigation_behind_one_button(phone):
    phone.goto("/en/")

    catalogue = phone.locator(".site-nav").get_by_role("link", name="Catalogue", exact=True)
    expect(catalogue).to_be_hidden()
    phone.get_by_role("button", name="Menu").click()
    expect(catalogue).to_be_visible()
    phone.keyboard.press("Escape")
    expect(catalogue).to_be_hidden()


def test_home_shows_pictures_and_its_offer_cards_lead_to_the_filtered_catalogue(page, artifacts_dir):
    make_catalogue()
    EventFactory(title_en="Lighting workshop", image=picture("event.png"))

    page.goto("/en/")
    page.locator("#offer-heading").scroll_into_view_if_needed()
    page.locator("#work-heading").scroll_into_view_if_needed()
    page.locator("#events-heading").scroll_into_view_if_needed()

    loaded = page.evaluate(
        "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0 && i.closest('main')).length"
    )
    assert loaded >= 1 + 2 + 9 + 1  # the hero, two service areas, nine works, one event
    assert page.locator(".home-hero img").evaluate("i => i.naturalWidth") > 0
    page.screenshot(path=artifacts_dir / "home.png", full_page=True)

    page.get_by_role("link", name="Sound post-production").click()

    expect(page).to_have_url(re.compile(r"/en/members/\?service=sound$"))
    expect(page.get_by_role("heading", level=2, name="4 members found")).to_be_visible()


def test_gallery_lightbox_opens_moves_and_closes_by_keyboard(page):
    member = MemberFactory(slug="swiatlo", name="Światło Studio")
    for n, caption in enumerate(["Lamps on a truss", "A green-screen stage", "The grading suite"]):
        GalleryImageFactory(member=member, caption_en=caption, position=n)

    page.goto("/en/members/swiatlo/")
    first = page.locator("[data-lightbox-item]").first
    first.focus()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Gallery: Światło Studio")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("img")).to_have_attribute("alt", "Lamps on a truss")
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(dialog.get_by_role("img")).to_have_attribute("alt", "A green-screen stage")
    expect(dialog.locator("figcaption")).to_have_text("A green-screen stage · 2 / 3")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(dialog.get_by_role("img")).to_have_attribute("alt", "The grading suite")
    for _ in range(4):  # Tab goes round the dialog's buttons and never leaves it
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")

    expect(dialog).to_be_hidden()
    expect(first).to_be_focused()


def test_gallery_without_javascript_links_to_the_large_pictures(browser, live_server):
    member = MemberFactory(slug="swiatlo", name="Światło Studio")
    GalleryImageFactory(member=member, caption_en="Lamps on a truss")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/en/members/swiatlo/")
        href = page.get_by_role("link", name="Lamps on a truss").get_attribute("href")
        assert re.fullmatch(r"/media/thumbs/[0-9a-f]{2}/[0-9a-f]{40}/1600x1000\.webp", href)
        assert page.request.get(live_server.url + href).status == 200
    finally:
        context.close()


def test_phone_calendar_is_an_agenda_list(phone):
    event = EventFactory(title_en="Lighting workshop")

    phone.goto(f"/en/events/calendar/?month={timezone.localdate(event.starts_at):%Y-%m}")

    expect(phone.locator(".month-grid")).to_be_hidden()
    expect(phone.locator(".agenda").get_by_role("link", name="Lighting workshop").first).to_be_visible()
