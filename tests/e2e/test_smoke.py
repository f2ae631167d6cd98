import re

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("language", "catalogue"), [("pl", "Katalog"), ("en", "Catalogue")])
def test_home_page_shows_navigation_in_each_language(page, language, catalogue):
    page.goto(f"/{language}/")

    nav = page.get_by_role("navigation", name=re.compile("Main navigation|Nawigacja główna"))
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name=catalogue)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert page.locator("h1").count() == 1
