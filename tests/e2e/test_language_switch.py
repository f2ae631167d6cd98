"""The language switch in a real browser: from any browser language, on any page (a
profile, a filtered catalogue, the log-in page outside the language prefix), the other
language opens the same page, and back; the language cookie follows."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_in(browser, live_server):
    contexts = []

    def open_page(locale):
        context = browser.new_context(base_url=live_server.url, locale=locale, timezone_id="Europe/Warsaw")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def profile():
    member = MemberFactory(
        name="Kadr i Dźwięk",
        slug="kadr-i-dzwiek",
        description_pl="Oświetlamy nocne zdjęcia na Starym Mieście.",
        description_en="We light night shoots in the Old Town.",
    )
    sound = ServiceCategoryFactory(slug="sound", name_en="Sound post-production", name_pl="Postprodukcja dźwięku")
    MemberServiceFactory(member=member, category=sound)
    return member


def switch(page, name):
    page.locator(".site-header .lang-switch").get_by_role("link", name=name).click()
    page.wait_for_load_state()


def language_cookie(page):
    return {c["name"]: c["value"] for c in page.context.cookies()}.get("django_language")


def test_english_browser_on_a_polish_profile_switches_to_english_and_back(browser_in, profile):
    page = browser_in("en-GB")
    page.goto("/pl/members/kadr-i-dzwiek/?from=newsletter")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_text("Oświetlamy nocne zdjęcia na Starym Mieście.")).to_be_visible()

    switch(page, "EN – English")

    expect(page).to_have_url(re.compile(r"/en/members/kadr-i-dzwiek/\?from=newsletter$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Kadr i Dźwięk")
    expect(page.get_by_text("We light night shoots in the Old Town.")).to_be_visible()
    assert language_cookie(page) == "en"  # the switch records the choice

    switch(page, "PL – Polski")

    expect(page).to_have_url(re.compile(r"/pl/members/kadr-i-dzwiek/\?from=newsletter$"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert language_cookie(page) == "pl"
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/pl/$"))  # the cookie, not the browser, decides now


def test_polish_browser_on_a_filtered_english_catalogue_switches_to_polish_and_back(browser_in, profile):
    page = browser_in("pl-PL")
    page.goto("/en/members/?service=sound")
    expect(page.get_by_role("heading", level=2, name="1 member found")).to_be_visible()

    switch(page, "PL – Polski")

    expect(page).to_have_url(re.compile(r"/pl/members/\?service=sound$"))
    expect(page.get_by_label(re.compile(r"^Postprodukcja dźwięku"))).to_be_checked()

    switch(page, "EN – English")

    expect(page).to_have_url(re.compile(r"/en/members/\?service=sound$"))
    expect(page.get_by_label(re.compile(r"^Sound post-production"))).to_be_checked()
    assert language_cookie(page) == "en"


def test_log_in_page_follows_the_page_read_and_switches_in_place(browser_in, profile):
    UserFactory(email="reader@example.org")
    page = browser_in("en-GB")
    page.goto("/pl/members/kadr-i-dzwiek/")

    page.locator(".account-nav").get_by_role("link", name="Zaloguj", exact=True).click()

    expect(page.locator("html")).to_have_attribute("lang", "pl")  # not the browser's English
    expect(page.locator("h1")).to_have_text("Zaloguj")
    page.locator(".site-header .lang-switch").get_by_role("button", name="EN – English").click()
    expect(page.locator("h1")).to_have_text("Log in")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/pl/members/kadr-i-dzwiek/$"))

    page.locator('input[name="login"]').fill("reader@example.org")
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('main form button[type="submit"]').first.click()

    expect(page).to_have_url(re.compile(r"/pl/members/kadr-i-dzwiek/$"))
    switch(page, "EN – English")
    expect(page).to_have_url(re.compile(r"/en/members/kadr-i-dzwiek/$"))
    expect(page.locator(".account-nav").get_by_role("button", name="Log out")).to_be_visible()
