"""A member admin invites and removes colleagues of the same firm from the site."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership
from tests.factories.accounts import InvitationFactory, MembershipFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_membership(client):
    membership = MembershipFactory(member=MemberFactory(slug="kadr"), role=Membership.Role.ADMIN)
    client.force_login(membership.user)
    return membership


def test_team_invite_sends_to_each_address_in_the_users_language(
    client, admin_membership, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/my-company/kadr/team/", {"emails": "x@example.org; y@example.org", "role": "editor"}
        )

    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "language", "invited_by")) == [
        ("x@example.org", "en", admin_membership.user_id),
        ("y@example.org", "en", admin_membership.user_id),
    ]
    assert len(mailoutbox) == 2


def test_team_invite_with_a_bad_address_keeps_what_was_typed(client, admin_membership):
    response = client.post("/en/my-company/kadr/team/", {"emails": "ok@example.org, nope", "role": "admin"})

    assert response.status_code == 400
    assert response.context["form"]["emails"].value() == "ok@example.org, nope"
    assert response.context["form"].errors == {"emails": ["These are not email addresses: nope"]}


def test_team_remove_colleague(client, admin_membership):
    colleague = MembershipFactory(member=admin_membership.member, role=Membership.Role.EDITOR)

    response = client.post(f"/en/my-company/kadr/team/members/{colleague.pk}/remove/")

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=colleague.pk).exists()


def test_team_remove_the_last_admin_is_refused(client, admin_membership):
    response = client.post(f"/en/my-company/kadr/team/members/{admin_membership.pk}/remove/", follow=True)

    assert Membership.objects.filter(pk=admin_membership.pk).exists()
    assert [str(m) for m in response.context["messages"]] == ["A firm needs at least one member admin."]


def test_team_cannot_remove_someone_from_another_firm(client, admin_membership):
    stranger = MembershipFactory()

    response = client.post(f"/en/my-company/kadr/team/members/{stranger.pk}/remove/")

    assert response.status_code == 404
    assert Membership.objects.filter(pk=stranger.pk).exists()


def test_team_cannot_revoke_another_firms_invitation(client, admin_membership):
    invitation = InvitationFactory()

    response = client.post(f"/en/my-company/kadr/team/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 404
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


def test_team_revoke_own_firms_invitation(client, admin_membership):
    invitation = InvitationFactory(member=admin_membership.member)

    client.post(f"/en/my-company/kadr/team/invitations/{invitation.pk}/revoke/")

    assert Invitation.objects.get(pk=invitation.pk).status == "revoked"


@pytest.mark.parametrize("count", [5, 50])
def test_team_page_query_budget(client, admin_membership, django_assert_num_queries, count):
    MembershipFactory.create_batch(count, member=admin_membership.member, role=Membership.Role.EDITOR)
    InvitationFactory.create_batch(count, member=admin_membership.member, invited_by=admin_membership.user)

    # session, user, member + services, membership, completeness, people, invitations
    with django_assert_num_queries(8):
        response = client.get("/en/my-company/kadr/team/")

    assert response.status_code == 200
    assert len(response.context["memberships"]) == count + 1


def test_team_invite_with_an_overlong_address_is_a_field_error(client, admin_membership):
    too_long = "a" * 250 + "@example.org"  # passes validate_email, but no column holds it

    response = client.post("/en/my-company/kadr/team/", {"emails": f"ok@example.org\n{too_long}", "role": "editor"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"emails": [f"These are not email addresses: {too_long}"]}
    assert response.context["form"]["emails"].value() == f"ok@example.org\n{too_long}"
    assert Invitation.objects.count() == 0


def test_membership_remove_locks_the_firms_admin_rows(admin_membership):
    """Two admins removing each other at once must not leave the firm without one."""
    colleague = MembershipFactory(member=admin_membership.member, role=Membership.Role.ADMIN)

    with CaptureQueriesContext(connection) as queries:
        services.membership_remove(membership=colleague)

    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert len(locking) == 1
    assert '"accounts_membership"' in locking[0]
    assert list(Membership.objects.filter(member=admin_membership.member)) == [admin_membership]


def _errors_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_team_invite_over_the_limit_keeps_the_form_and_sends_nothing(
    client, admin_membership, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.INVITATION_RATE = "3/h"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/en/my-company/kadr/team/", {"emails": "a@example.org, b@example.org", "role": "editor"})
        refused = client.post("/en/my-company/kadr/team/", {"emails": "c@example.org\nd@example.org", "role": "admin"})

    assert first.status_code == 302
    assert refused.status_code == 429
    form = refused.context["form"]
    assert form.non_field_errors() == [
        "You have sent too many invitations in a short time. Nothing was sent; please try again later."
    ]
    assert (form["emails"].value(), form["role"].value()) == ("c@example.org\nd@example.org", "admin")
    assert 'role="alert"' in refused.content.decode()
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["a@example.org", "b@example.org"]
    assert len(mailoutbox) == 2


def test_team_invite_refused_batch_does_not_use_up_the_rest_of_the_budget(client, admin_membership, settings):
    settings.INVITATION_RATE = "3/h"
    client.post("/en/my-company/kadr/team/", {"emails": "a@example.org, b@example.org", "role": "editor"})
    client.post("/en/my-company/kadr/team/", {"emails": "c@example.org, d@example.org", "role": "editor"})

    response = client.post("/en/my-company/kadr/team/", {"emails": "c@example.org", "role": "editor"})

    assert response.status_code == 302
    assert Invitation.objects.count() == 3


def test_team_invite_limit_is_per_user(client, admin_membership, settings, mailoutbox):
    settings.INVITATION_RATE = "2/h"
    colleague = MembershipFactory(member=admin_membership.member, role=Membership.Role.ADMIN)
    client.post("/en/my-company/kadr/team/", {"emails": "a@example.org, b@example.org", "role": "editor"})
    refused = client.post("/en/my-company/kadr/team/", {"emails": "c@example.org", "role": "editor"})
    client.force_login(colleague.user)

    response = client.post("/en/my-company/kadr/team/", {"emails": "c@example.org", "role": "editor"})

    assert (refused.status_code, response.status_code) == (429, 302)
    assert Invitation.objects.get(email="c@example.org").invited_by == colleague.user


def test_team_resend_counts_against_the_limit(
    client, admin_membership, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.INVITATION_RATE = "1/h"
    long_ago = timezone.now() - timedelta(hours=1)
    first, second = InvitationFactory.create_batch(2, member=admin_membership.member, sent_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/my-company/kadr/team/invitations/{first.pk}/resend/", follow=True)
        response = client.post(f"/en/my-company/kadr/team/invitations/{second.pk}/resend/", follow=True)

    assert _errors_of(response) == [
        "You have sent too many invitations in a short time. Nothing was sent; please try again later."
    ]
    second.refresh_from_db()
    assert second.sent_at == long_ago
    assert [m.to for m in mailoutbox] == [[first.email]]


def test_team_resend_within_the_cooldown_says_so_and_sends_nothing(client, admin_membership, mailoutbox):
    invitation = InvitationFactory(
        member=admin_membership.member, email="fresh@example.org", sent_at=timezone.now() - timedelta(minutes=1)
    )

    response = client.post(f"/en/my-company/kadr/team/invitations/{invitation.pk}/resend/", follow=True)

    assert response.status_code == 200
    assert _errors_of(response) == [
        "fresh@example.org received an invitation less than 5 minutes ago, so it was not sent again."
    ]
    assert Invitation.objects.get(pk=invitation.pk).key == invitation.key
    assert mailoutbox == []


def test_team_invite_of_a_pending_address_in_other_case_reuses_the_invitation(client, admin_membership, mailoutbox):
    invitation = InvitationFactory(member=admin_membership.member, email="fresh@example.org")

    response = client.post("/en/my-company/kadr/team/", {"emails": "FRESH@example.org", "role": "editor"}, follow=True)

    assert response.status_code == 200
    assert _errors_of(response) == [
        "Invitations sent: 0.",
        "fresh@example.org received an invitation less than 5 minutes ago, so it was not sent again.",
    ]
    assert list(Invitation.objects.values_list("pk", "key")) == [(invitation.pk, invitation.key)]
    assert mailoutbox == []
