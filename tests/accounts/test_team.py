"""A member admin invites and removes colleagues of the same firm from the site."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    with django_assert_num_queries(7):
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
