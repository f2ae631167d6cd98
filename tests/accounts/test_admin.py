"""The coordinator's invitations in the admin: invite several addresses, see states, resend, revoke."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from accounts.admin import invite_people_to_member
from accounts.models import Invitation
from members.models import Member
from tests.factories.accounts import CoordinatorFactory, InvitationFactory, MembershipFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory()
    client.force_login(user)
    return user


def test_admin_invite_form_invites_several_addresses(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    member = MemberFactory(name="Kadr")
    existing = MembershipFactory(member=member)
    url = reverse("admin:accounts_invitation_invite")

    form_page = client.get(f"{url}?member={member.pk}", headers={"accept-language": "en"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "member": member.pk,
                "emails": f"a@example.org, b@example.org\nA@example.org {existing.user.email}",
                "role": "admin",
                "language": "en",
            },
        )

    assert form_page.status_code == 200
    assert form_page.context["form"].initial["member"] == str(member.pk)
    assert 'value="Send the invitations"' in form_page.content.decode()
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "role", "invited_by")) == [
        ("a@example.org", "admin", coordinator.pk),
        ("b@example.org", "admin", coordinator.pk),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]


def test_admin_invite_form_with_a_bad_address_keeps_the_list(client, coordinator):
    member = MemberFactory()

    response = client.post(
        reverse("admin:accounts_invitation_invite"),
        {"member": member.pk, "emails": "good@example.org, not-an-address", "role": "editor", "language": "pl"},
    )

    assert response.status_code == 200
    assert response.context["form"]["emails"].value() == "good@example.org, not-an-address"
    assert [e.code for e in response.context["form"].errors.as_data()["emails"]] == ["invalid"]
    assert Invitation.objects.count() == 0


def test_admin_invite_form_with_an_overlong_address_is_a_field_error(client, coordinator):
    too_long = "b" * 250 + "@example.org"

    response = client.post(
        reverse("admin:accounts_invitation_invite"),
        {"member": MemberFactory().pk, "emails": too_long, "role": "editor", "language": "en"},
    )

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["emails"]] == ["invalid"]
    assert Invitation.objects.count() == 0


def test_admin_add_invitation_opens_the_invite_form(client, coordinator):
    response = client.get(reverse("admin:accounts_invitation_add") + "?member=7")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:accounts_invitation_invite") + "?member=7"


def test_admin_invitation_list_filters_by_state(client, coordinator):
    InvitationFactory(email="pending@example.org")
    InvitationFactory(email="expired@example.org", expires_at=timezone.now() - timedelta(hours=1))
    InvitationFactory(email="accepted@example.org", status="accepted")
    InvitationFactory(email="revoked@example.org", status="revoked")
    url = reverse("admin:accounts_invitation_changelist")

    emails = {
        state: sorted(i.email for i in client.get(f"{url}?state={state}").context["cl"].result_list)
        for state in ["pending", "expired", "accepted", "revoked"]
    }

    assert emails == {
        "pending": ["pending@example.org"],
        "expired": ["expired@example.org"],
        "accepted": ["accepted@example.org"],
        "revoked": ["revoked@example.org"],
    }


def test_admin_actions_resend_and_revoke(client, coordinator, mailoutbox, django_capture_on_commit_callbacks):
    expired = InvitationFactory(expires_at=timezone.now() - timedelta(hours=1), key="old-key")
    pending = InvitationFactory()
    url = reverse("admin:accounts_invitation_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "resend", "_selected_action": [expired.pk]})
    client.post(url, {"action": "revoke", "_selected_action": [pending.pk]})

    expired.refresh_from_db()
    pending.refresh_from_db()
    assert expired.state == "pending"
    assert expired.key != "old-key"
    assert expired.expires_at > timezone.now() + timedelta(days=13)
    assert pending.state == "revoked"
    assert [m.to for m in mailoutbox] == [[expired.email]]


def test_admin_actions_need_the_right_to_invite_not_only_to_look(client, mailoutbox):
    viewer = CoordinatorFactory(is_superuser=False)
    viewer.user_permissions.add(Permission.objects.get(codename="view_invitation"))
    client.force_login(viewer)
    invitation = InvitationFactory(key="kept-key")
    url = reverse("admin:accounts_invitation_changelist")

    page = client.get(url)
    client.post(url, {"action": "revoke", "_selected_action": [invitation.pk]})
    client.post(url, {"action": "resend", "_selected_action": [invitation.pk]})

    assert page.status_code == 200
    assert page.context["action_form"] is None  # no action offered at all
    invitation.refresh_from_db()
    assert (invitation.status, invitation.key) == ("pending", "kept-key")
    assert mailoutbox == []


@pytest.mark.parametrize("count", [5, 50])
def test_admin_invitation_list_query_budget(client, coordinator, django_assert_num_queries, count):
    InvitationFactory.create_batch(count, invited_by=coordinator)

    with django_assert_num_queries(7):
        response = client.get(reverse("admin:accounts_invitation_changelist"))

    assert response.status_code == 200


def test_member_admin_offers_the_invite_action():
    member_admin = admin.site._registry.get(Member)

    assert member_admin is not None
    assert invite_people_to_member in member_admin.actions


def test_invite_action_opens_the_form_for_the_member(rf, coordinator):
    member = MemberFactory()

    response = invite_people_to_member(None, rf.get("/"), Member.objects.filter(pk=member.pk))

    assert response["Location"] == reverse("admin:accounts_invitation_invite") + f"?member={member.pk}"


def test_member_admin_page_lists_invitations_and_offers_an_invite_form(client, coordinator):
    member = MemberFactory()
    InvitationFactory(member=member, email="listed@example.org")

    response = client.get(reverse("admin:members_member_change", args=[member.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "listed@example.org" in body
    assert 'name="invitations-2-0-email"' in body


def test_member_admin_invite_inline_sends_on_save(rf, coordinator, mailoutbox, django_capture_on_commit_callbacks):
    from accounts.admin import InvitationSendInline

    member = MemberFactory()
    request = rf.post("/")
    request.user = coordinator
    formset_class = InvitationSendInline(Member, admin.site).get_formset(request, member)
    data = {
        "inv-TOTAL_FORMS": "2",
        "inv-INITIAL_FORMS": "0",
        "inv-0-email": "Row.One@example.org",
        "inv-0-role": "admin",
        "inv-0-language": "en",
        "inv-1-email": "",
        "inv-1-role": "editor",
        "inv-1-language": "pl",
    }
    formset = formset_class(data, instance=member, prefix="inv")

    assert formset.is_valid(), formset.errors
    with django_capture_on_commit_callbacks(execute=True):
        formset.save()

    assert list(Invitation.objects.values_list("email", "role", "invited_by", "member")) == [
        ("row.one@example.org", "admin", coordinator.pk, member.pk)
    ]
    assert [m.to for m in mailoutbox] == [["row.one@example.org"]]


def test_admin_invite_form_does_not_resend_a_fresh_invitation(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    fresh = InvitationFactory(member=member, email="fresh@example.org", key="fresh-key")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_invitation_invite"),
            {"member": member.pk, "emails": "Fresh@example.org, new@example.org", "role": "editor", "language": "en"},
            follow=True,
            headers={"accept-language": "en"},
        )

    assert [str(m) for m in response.context["messages"]] == [
        "Invitations sent: 1.",
        "fresh@example.org received an invitation less than 5 minutes ago, so it was not sent again.",
    ]
    assert Invitation.objects.get(pk=fresh.pk).key == "fresh-key"
    assert [m.to for m in mailoutbox] == [["new@example.org"]]


def test_admin_resend_action_holds_back_a_fresh_invitation(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    fresh = InvitationFactory(email="fresh@example.org", key="fresh-key")
    old = InvitationFactory(sent_at=timezone.now() - timedelta(hours=1))
    url = reverse("admin:accounts_invitation_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"action": "resend", "_selected_action": [fresh.pk, old.pk]},
            follow=True,
            headers={"accept-language": "en"},
        )

    assert [str(m) for m in response.context["messages"]] == [
        "Invitations resent: 1.",
        "fresh@example.org received an invitation less than 5 minutes ago, so it was not sent again.",
    ]
    assert Invitation.objects.get(pk=fresh.pk).key == "fresh-key"
    assert [m.to for m in mailoutbox] == [[old.email]]


def test_member_admin_invite_inline_does_not_double_a_pending_invitation(
    rf, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.admin import InvitationSendInline

    fresh = InvitationFactory(email="fresh@example.org", key="fresh-key")
    request = rf.post("/")
    request.user = coordinator
    formset_class = InvitationSendInline(Member, admin.site).get_formset(request, fresh.member)
    data = {
        "inv-TOTAL_FORMS": "1",
        "inv-INITIAL_FORMS": "0",
        "inv-0-email": "FRESH@example.org",
        "inv-0-role": "admin",
        "inv-0-language": "en",
    }
    formset = formset_class(data, instance=fresh.member, prefix="inv")

    assert formset.is_valid(), formset.errors
    with django_capture_on_commit_callbacks(execute=True):
        formset.save()

    assert list(Invitation.objects.values_list("pk", "key")) == [(fresh.pk, "fresh-key")]
    assert mailoutbox == []
