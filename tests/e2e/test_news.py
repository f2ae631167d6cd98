"""The coordinator writes a funding call in the admin (with the Markdown preview), and a
visitor finds it among the open calls and reads it."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from news.models import Post
from tests.factories.accounts import CoordinatorFactory


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.django_db(transaction=True)
def test_coordinator_previews_and_publishes_a_call_that_visitors_see(page, live_server, browser, artifacts_dir):
    _log_in(page, live_server, CoordinatorFactory())
    page.goto("/admin/news/post/add/")

    page.fill("#id_title_pl", "Nabór na koprodukcje")
    page.fill("#id_title_en", "Call for co-productions")
    page.fill("#id_slug", "call-for-co-productions")
    page.select_option("#id_category", "funding-call")
    page.fill("#id_body_pl", "Treść **naboru**.")
    page.fill("#id_body_en", "Apply **now**. <script>document.title='hacked'</script> [x](javascript:alert(1))")
    page.locator("#id_body_en ~ button.news-preview-button").click()

    preview = page.locator("#id_body_en ~ .news-preview")
    expect(preview.locator("strong")).to_have_text("now")
    expect(preview.locator("script")).to_have_count(0)
    expect(preview.locator("a")).not_to_have_attribute("href", re.compile(".*"))

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".field-deadline .errorlist")).to_have_text(
        "Funding calls and tenders need an application deadline."
    )
    expect(page.locator("#id_title_en")).to_have_value("Call for co-productions")

    page.fill("#id_deadline_0", "2099-05-31")
    page.fill("#id_deadline_1", "23:59:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Post.objects.get().category == Post.Category.FUNDING_CALL

    visitor = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/Warsaw")
    visitor_page = visitor.new_page()
    visitor_page.goto("/en/news/calls/")
    open_calls = visitor_page.locator("section[aria-labelledby=open-calls]")
    expect(open_calls.get_by_role("link", name="Call for co-productions")).to_be_visible()
    expect(open_calls).to_contain_text("31 May 2099, 23:59")
    open_calls.get_by_role("link", name="Call for co-productions").click()
    expect(visitor_page.locator("h1")).to_have_text("Call for co-productions")
    expect(visitor_page.locator(".news-article__body strong")).to_have_text("now")
    assert visitor_page.title() != "hacked"
    visitor_page.screenshot(path=str(artifacts_dir / "news-call-detail.png"), full_page=True)
    visitor.close()
