"""Journey: a member looks for a sound post-production partner for the demo tender, a
member of another firm answers, the author marks the request matched, and the tender's
page shows both firms applying as partners — to members only."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from accounts.models import User
from cooperation.models import CallParticipation, CooperationRequest
from news.models import Post

TITLE = "Looking for a sound post-production partner for a tender"


def _log_in(page, live_server, user):
    """Reuse a real session made by Django's test client (the login form is the accounts
    area's journey, not this one's)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/Warsaw")
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.mark.django_db(transaction=True)
def test_two_firms_team_up_for_a_tender_through_a_request(page, browser, live_server, artifacts_dir):
    call_command("load_demo_data")
    tender = Post.objects.get(slug="przetarg-obsluga-techniczna-forum")
    author = User.objects.get(email="member@example.org")  # Kadr i Dźwięk Studio
    helper = User.objects.get(email="eva@planty-post-house.example.org")  # Planty Post House

    # 1. The demo member posts the request, linked to the demo tender.
    _log_in(page, live_server, author)
    page.goto("/en/cooperation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cooperation between members")
    page.get_by_role("link", name="Post a request").click()
    page.get_by_label("What your firm needs or offers").select_option("partner")
    page.get_by_label("Title (English)").fill(TITLE)
    page.get_by_label("Text (English)").fill("We do picture and lighting; we need sound for the forum tender.")
    page.get_by_label("Post-production › Sound post-production").check()
    page.get_by_label("About a funding call or tender").select_option(str(tender.pk))
    page.get_by_role("button", name="Post the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE, timeout=30_000)
    expect(page.get_by_text("Your request is posted. Members can answer it now.")).to_be_visible()
    request = CooperationRequest.objects.get(title_en=TITLE)
    assert (request.call, request.member.name) == (tender, "Kadr i Dźwięk Studio")

    # 2. A member of another firm finds it on the board and says "we can help".
    helper_context, helper_page = _new_page(browser, live_server)
    try:
        _log_in(helper_page, live_server, helper)
        helper_page.goto("/en/cooperation/")
        helper_page.locator(".coop-card", has_text=TITLE).get_by_role("link", name=TITLE).click()
        helper_page.get_by_label("How your firm can help").fill("Our sound team mixes live events; free in May.")
        helper_page.get_by_role("button", name="We can help").click()
        expect(helper_page.get_by_text("Planty Post House offered its help.")).to_be_visible(timeout=30_000)
    finally:
        helper_context.close()

    # 3. The author sees the answer and marks the request matched with that firm.
    page.reload()
    answer = page.locator(".coop-answer", has_text="Planty Post House")
    expect(answer).to_contain_text("Our sound team mixes live events; free in May.")
    page.get_by_label("Planty Post House").check()
    page.get_by_role("button", name="Mark as matched").click()
    expect(page.get_by_text("The request is marked as matched.")).to_be_visible(timeout=30_000)
    expect(page.locator(".coop-facts")).to_contain_text("Matched with")
    page.screenshot(path=str(artifacts_dir / "cooperation-matched.png"), full_page=True)

    # 4. The tender's page shows both firms applying, as partners, to members.
    page.goto(tender.get_absolute_url().replace("/pl/", "/en/"))
    together = page.locator(".coop-partners")
    kadr = together.locator("li", has=page.locator("strong", has_text="Kadr i Dźwięk Studio"))
    planty = together.locator("li", has=page.locator("strong", has_text="Planty Post House"))
    expect(kadr).to_have_text(re.compile(r"Applying\s+· partners: Planty Post House"))
    expect(planty).to_have_text(re.compile(r"Applying\s+· partners: Kadr i Dźwięk Studio"))
    assert sorted(
        CallParticipation.objects.filter(
            call=tender, member__name__in=["Kadr i Dźwięk Studio", "Planty Post House"]
        ).values_list("member__name", "status")
    ) == [("Kadr i Dźwięk Studio", "applying"), ("Planty Post House", "applying")]

    # 5. The public page of the same tender shows none of it.
    anonymous_context, anonymous_page = _new_page(browser, live_server)
    try:
        anonymous_page.goto(tender.get_absolute_url().replace("/pl/", "/en/"))
        expect(anonymous_page.get_by_role("heading", level=1)).to_contain_text("Tender")
        expect(anonymous_page.locator("#cooperation")).to_have_count(0)
        expect(anonymous_page.get_by_text("Planty Post House")).to_have_count(0)
    finally:
        anonymous_context.close()
