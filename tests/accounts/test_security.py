"""Account settings, two-factor authentication for staff, rate limits, session expiry, and
the members-only rule when a firm is suspended."""

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings as django_settings
from django.urls import reverse

from accounts.access import is_cluster_member
from accounts.models import User
from members.models import Member
from tests.factories.accounts import PASSWORD, CoordinatorFactory, MembershipFactory, UserFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def test_settings_page_saves_name_and_language(client):
    user = UserFactory(name="Old Name", preferred_language="pl")
    client.force_login(user)

    response = client.post("/en/account/", {"name": "New Name", "preferred_language": "en"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.preferred_language) == ("New Name", "en")


def test_settings_page_with_unknown_language_keeps_the_name(client):
    client.force_login(UserFactory())

    response = client.post("/en/account/", {"name": "Typed Name", "preferred_language": "xx"})

    assert response.status_code == 400
    assert response.context["form"]["name"].value() == "Typed Name"
    assert list(response.context["form"].errors) == ["preferred_language"]


def test_settings_page_links_password_email_and_two_factor(client):
    client.force_login(UserFactory())

    body = client.get("/en/account/").content.decode()

    assert reverse("account_change_password") in body
    assert reverse("account_email") in body
    assert reverse("mfa_index") in body
    assert body.count("<h1") == 1


@pytest.mark.parametrize("language", ["pl", "en"])
def test_privacy_page_in_each_language(client, language):
    response = client.get(f"/{language}/privacy/")

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    assert f'<html lang="{language}">' in body


def test_staff_mfa_setting_defaults_off_outside_production():
    assert django_settings.PORTAL_REQUIRE_STAFF_MFA is False


def test_staff_without_totp_is_sent_to_mfa_setup_when_required(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    staff = CoordinatorFactory()
    login = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    home = client.get(login["Location"])
    admin = client.get("/admin/")
    page = client.get("/en/my-company/")
    # allauth asks for the password once more before showing the TOTP set-up.
    setup = client.get(reverse("mfa_activate_totp"))
    confirmed = client.post(setup["Location"], {"password": PASSWORD}, follow=True)

    assert home["Location"] == admin["Location"] == page["Location"] == reverse("mfa_activate_totp")
    assert setup["Location"] == "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    assert confirmed.status_code == 200
    assert type(confirmed.context["form"]).__name__ == "ActivateTOTPForm"


def test_staff_with_totp_passes_when_required(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    staff = CoordinatorFactory()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_member_users_are_not_asked_for_mfa(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    membership = MembershipFactory()
    client.force_login(membership.user)

    response = client.get("/en/account/")

    assert response.status_code == 200


def test_staff_without_totp_passes_when_not_required(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    client.force_login(CoordinatorFactory())

    assert client.get("/admin/").status_code == 200


def test_allauth_rate_limits_are_configured():
    assert django_settings.ACCOUNT_RATE_LIMITS == {
        "login_failed": "10/m/ip,5/5m/key",
        "reset_password": "20/m/ip,5/m/key",
        "confirm_email": "1/3m/key",
    }


def test_login_is_locked_after_five_failures_for_one_address(client):
    user = UserFactory(email="target@example.org")
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-password"})

    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, headers={"accept-language": "en"}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "Please try again in 5 minutes." in response.content.decode()


def test_admin_login_never_skips_the_second_factor(client):
    staff = CoordinatorFactory(email="two.factor@example.org")
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": staff.email, "password": PASSWORD},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["mfa_required"]
    assert "/accounts/login/?next=/admin/" in response.content.decode()


def test_admin_login_without_two_factor_still_works(client):
    staff = CoordinatorFactory(email="plain.staff@example.org")

    response = client.post("/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_admin_login_is_locked_after_five_failures_for_one_address(client):
    staff = CoordinatorFactory(email="admin.target@example.org")
    for _attempt in range(5):
        client.post("/admin/login/", {"username": staff.email, "password": "wrong-password"})

    response = client.post(
        "/admin/login/", {"username": staff.email, "password": PASSWORD}, headers={"accept-language": "en"}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "Please try again in 5 minutes." in response.content.decode()


def test_login_without_remember_me_ends_with_the_browser(client):
    UserFactory(email="session@example.org")

    client.post("/accounts/login/", {"login": "session@example.org", "password": PASSWORD})

    assert client.session.get_expire_at_browser_close() is True


def test_login_with_remember_me_expires_after_the_configured_age(client):
    UserFactory(email="remember@example.org")

    client.post("/accounts/login/", {"login": "remember@example.org", "password": PASSWORD, "remember": "on"})

    assert client.session.get_expiry_age() == django_settings.SESSION_COOKIE_AGE == 60 * 60 * 24 * 14


def test_suspended_firm_users_lose_members_only_access_at_once(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    leads_before = client.get("/en/productions/")
    editor_before = client.get(f"/en/my-company/{membership.member.slug}/")

    Member.objects.filter(pk=membership.member_id).update(status=Member.Status.SUSPENDED)
    leads_after = client.get("/en/productions/")
    editor_after = client.get(f"/en/my-company/{membership.member.slug}/")

    assert (leads_before.status_code, editor_before.status_code) == (200, 200)
    assert (leads_after.status_code, editor_after.status_code) == (403, 403)
    assert is_cluster_member(User.objects.get(pk=membership.user_id)) is False


def test_user_of_two_firms_keeps_access_while_one_is_active(client):
    user = UserFactory()
    MembershipFactory(user=user, member__status=Member.Status.SUSPENDED)
    MembershipFactory(user=user)

    assert is_cluster_member(user) is True


def test_login_page_explains_invitations_and_offers_no_sign_up(client):
    response = client.get("/accounts/login/", headers={"accept-language": "en"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Accounts are created by invitation" in body
    assert reverse("accounts:join") in body
    assert reverse("account_signup") not in body
    assert body.count("<h1") == 1


def test_sign_up_is_closed(client):
    response = client.get(reverse("account_signup"), headers={"accept-language": "en"})

    assert response.status_code == 200
    assert "Accounts by invitation only" in response.content.decode()


def test_sitemap_lists_join_and_privacy_pages_in_both_languages(client):
    body = sitemap_text(client)

    for path in ["/pl/join/", "/en/join/", "/pl/privacy/", "/en/privacy/"]:
        assert f"<loc>http://testserver{path}</loc>" in body


def test_footer_links_to_join_and_privacy(client):
    body = client.get("/en/").content.decode()

    assert 'href="/en/join/"' in body
    assert 'href="/en/privacy/"' in body
