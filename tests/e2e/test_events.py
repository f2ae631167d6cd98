"""Journeys: the demo-like member registers for an upcoming event and cancels; a guest
registers for a public event and confirms from the link in the email."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Registration
from tests.factories.accounts import PASSWORD, MembershipFactory
from tests.factories.events import EventFactory, RegistrationFactory


@pytest.mark.django_db(transaction=True)
def test_member_registers_sees_seats_drop_and_cancels(page, mailoutbox):
    member = MembershipFactory(user__email="member@example.org", user__name="Marek Członek").user
    event = EventFactory(
        title_en="Workshop: sound in post-production",
        kind="workshop",
        capacity=5,
        starts_at=timezone.now() + timedelta(days=10),
    )
    RegistrationFactory.create_batch(2, event=event)

    page.goto("/accounts/login/?next=/en/events/")
    page.fill("#id_login", member.email)
    page.fill("#id_password", PASSWORD)
    page.locator("form").filter(has=page.locator("#id_login")).get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/en/events/$"))
    page.get_by_role("link", name="Workshop: sound in post-production").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workshop: sound in post-production")
    expect(page.locator("#seats-left")).to_have_text("3")

    page.get_by_role("button", name="Register").click()

    expect(page.locator(".messages")).to_contain_text("You are registered.")
    expect(page.locator("#registration-status")).to_contain_text("You are registered")
    expect(page.locator("#seats-left")).to_have_text("2")
    expect(page.get_by_text("ul. Tajna 7", exact=False)).to_be_visible()
    assert [m.to for m in mailoutbox] == [["member@example.org"]]
    assert mailoutbox[0].attachments[0][0] == f"{event.slug}.ics"

    # Cancelling asks first, on a page of its own.
    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_role("button", name="Yes, cancel my registration").click()

    expect(page.locator(".messages")).to_contain_text("Your registration is cancelled.")
    expect(page.locator("#seats-left")).to_have_text("3")
    expect(page.get_by_role("button", name="Register")).to_be_visible()
    assert event.registrations.get(user=member).status == Registration.Status.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_guest_registers_and_confirms_from_the_emailed_link(page, mailoutbox):
    event = EventFactory(title_en="Seminar: EU funding for the film industry", kind="seminar", capacity=60)

    page.goto(f"/en/events/{event.slug}/")
    expect(page.locator("#seats-left")).to_have_text("60")
    page.get_by_label("Your name").fill("Ingrid Berg")
    page.get_by_role("textbox", name="Email").fill("ingrid@example.org")
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Register").click()

    expect(page.locator(".messages")).to_contain_text("Open the link in it to confirm your registration.")
    expect(page.locator("#seats-left")).to_have_text("60")
    assert [m.to for m in mailoutbox] == [["ingrid@example.org"]]
    link = re.search(r"https?://\S+(/en/events/confirm/\S+/)", mailoutbox[0].body).group(1)

    page.goto(link)
    page.get_by_role("button", name="Confirm my registration").click()

    expect(page.locator("#registration-status")).to_have_text("You are registered.")
    page.get_by_role("link", name="Seminar: EU funding for the film industry").click()
    expect(page.locator("#seats-left")).to_have_text("59")
    assert event.registrations.get().status == Registration.Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [["ingrid@example.org"], ["ingrid@example.org"]]
    assert (
        mailoutbox[1].subject
        == "Your seat is confirmed: Seminar: EU funding for the film industry · Krakow Film Cluster"
    )
