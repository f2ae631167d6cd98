"""The search box's suggestions, in the dark header on a desktop and on the search page
on a phone: the list hangs below the box (it used to cover the words being typed) and
its text is dark on the light list (it took the header's light text)."""

import pytest
from playwright.sync_api import expect

from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)

PLACEMENT = """(input) => {
  const list = input.closest('form').querySelector('.site-search__suggestions');
  const option = list.querySelector('.site-search__option');
  return {below: list.getBoundingClientRect().top >= input.getBoundingClientRect().bottom,
          color: getComputedStyle(option).color,
          ink: getComputedStyle(document.querySelector('main')).color};
}"""


@pytest.mark.parametrize(
    ("viewport", "path", "box"),
    [
        ({"width": 1280, "height": 800}, "/en/news/", "#header-search-q"),
        ({"width": 360, "height": 740}, "/pl/search/", "#site-search-q"),
    ],
)
def test_suggestions_hang_below_the_box_in_readable_ink(browser, live_server, viewport, path, box):
    MemberFactory(name="Zeppelin Camera Studio", slug="zeppelin")
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(path)
        page.locator(box).fill("zeppel")
        expect(page.locator(".site-search__option", has_text="Zeppelin Camera Studio")).to_be_visible()

        placed = page.locator(box).evaluate(PLACEMENT)
    finally:
        context.close()

    assert placed["below"]
    assert placed["color"] == placed["ink"]
