"""Browser journeys of a member user: keep the firm's profile, and lose access when the
firm is suspended."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from accounts.models import Membership
from members.models import Member
from tests.factories.accounts import PASSWORD, MembershipFactory, UserFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "#7a1f2b").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def member_user():
    """Like the demo member: member@example.org, admin of one active, public firm."""
    user = UserFactory(email="member@example.org", name="Marek Member")
    member = MemberFactory(name="Demo Light Studio", slug="demo-light-studio")
    MembershipFactory(user=user, member=member, role=Membership.Role.ADMIN)
    return user


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state()


def test_member_edits_english_description_and_logo_and_public_profile_shows_both(page, member_user, artifacts_dir):
    log_in(page, member_user.email)
    page.goto("/en/")
    page.get_by_role("link", name="My company").click()
    expect(page).to_have_url(re.compile(r"/en/my-company/demo-light-studio/$"))
    expect(page.locator("h1")).to_have_text("Edit Demo Light Studio")

    page.locator("#id_description_en").fill("We light night shoots in the Old Town.")
    page.locator("#id_logo").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_role("button", name="Save the profile").click()

    expect(page.get_by_text("The profile is saved and the public page shows it.")).to_be_visible()
    page.goto("/en/members/demo-light-studio/")
    expect(page.get_by_text("We light night shoots in the Old Town.")).to_be_visible()
    logo = page.get_by_role("img", name="Logo of Demo Light Studio")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.naturalWidth") > 0
    page.screenshot(path=artifacts_dir / "member-profile-after-edit.png", full_page=True)


def test_member_invalid_upload_shows_message_and_keeps_the_form(page, member_user):
    log_in(page, member_user.email)
    page.goto("/en/my-company/demo-light-studio/")

    page.locator("#id_description_en").fill("Typed text that must survive.")
    page.locator("#id_tagline_pl").fill("Nowe hasło firmy")
    page.locator("#id_logo").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": b"%PDF-1.4 this is not an image"}]
    )
    page.get_by_role("button", name="Save the profile").click()

    expect(page.get_by_text("Nothing was saved yet: please correct the fields marked below.")).to_be_visible()
    expect(page.locator("#id_logo_errors")).to_be_visible()
    expect(page.locator("#id_description_en")).to_have_value("Typed text that must survive.")
    expect(page.locator("#id_tagline_pl")).to_have_value("Nowe hasło firmy")
    assert Member.objects.get(slug="demo-light-studio").description_en == "A film company from Krakow."


def test_suspended_firm_users_lose_members_only_access_at_once(page, member_user):
    log_in(page, member_user.email)
    leads = page.goto("/en/productions/")
    editor = page.goto("/en/my-company/demo-light-studio/")
    assert (leads.status, editor.status) == (200, 200)

    Member.objects.filter(slug="demo-light-studio").update(status=Member.Status.SUSPENDED)

    leads = page.goto("/en/productions/")
    editor = page.goto("/en/my-company/demo-light-studio/")
    assert (leads.status, editor.status) == (403, 403)
    expect(page.locator("h1")).to_have_count(1)


def test_invited_person_sets_a_password_and_lands_in_the_editor(page):
    from accounts import services

    member = MemberFactory(name="Invited Films", slug="invited-films")
    invitation = services.invitation_create(
        member=member, email="new.person@example.org", role="editor", invited_by=UserFactory(), send=False
    )
    path = services.invitation_url(invitation, language="en").removeprefix("http://127.0.0.1:8000")

    page.goto(path)
    page.locator("#id_name").fill("New Person")
    page.locator("#id_password1").fill("a-long-film-password-2026")
    page.locator("#id_password2").fill("a-long-film-password-2026")
    page.get_by_role("button", name="Create my account").click()

    expect(page).to_have_url(re.compile(r"/en/my-company/invited-films/$"))
    expect(page.locator("h1")).to_have_text("Edit Invited Films")
