"""Invitations: a signed, single-use link valid for 14 days that creates the account."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation

from accounts import services, tokens
from accounts.models import Invitation, Membership, User
from tests.conftest import start_worker
from tests.factories.accounts import PASSWORD, InvitationFactory, MembershipFactory, UserFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-film-password-2026"


def link_path(invitation: Invitation, language: str = "en") -> str:
    token = tokens.make_token(invitation_id=invitation.pk, key=invitation.key)
    with translation.override(language):
        return reverse("accounts:invitation_accept", kwargs={"token": token})


def url_in(text: str) -> str:
    match = re.search(r"https?://\S+/invitation/\S+/", text)
    assert match, text
    return match.group(0)


def test_invitation_create_sends_one_email_in_the_invitation_language(mailoutbox, django_capture_on_commit_callbacks):
    member = MemberFactory(name="Kadr Studio")
    inviter = UserFactory(name="Olga Admin")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            member=member, email="New.Person@Example.org", role="editor", invited_by=inviter, language="pl"
        )

    assert invitation.email == "new.person@example.org"
    assert invitation.state == Invitation.Status.PENDING
    assert invitation.expires_at - invitation.sent_at == timedelta(days=14)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new.person@example.org"]
    assert "Kadr Studio" in message.subject
    assert url_in(message.body).startswith("http://127.0.0.1:8000/pl/invitation/")
    assert [alt[1] for alt in message.alternatives] == ["text/html"]


def test_invitation_create_uses_existing_users_language(mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(email="known@example.org", preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            member=MemberFactory(), email="known@example.org", role="editor", invited_by=None, language="pl"
        )

    assert invitation.language == "en"
    assert "/en/invitation/" in url_in(mailoutbox[0].body)


def test_invitation_create_twice_reissues_instead_of_doubling(mailoutbox, django_capture_on_commit_callbacks):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invitation_create(member=member, email="a@example.org", role="editor", invited_by=None)
    old_key = first.key
    Invitation.objects.filter(pk=first.pk).update(sent_at=timezone.now() - services.RESEND_COOLDOWN)

    with django_capture_on_commit_callbacks(execute=True):
        second = services.invitation_create(member=member, email="a@example.org", role="admin", invited_by=None)

    assert second.pk == first.pk
    assert second.key != old_key
    assert second.role == "admin"
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 2


def test_invitation_create_skips_people_already_in_the_firm(mailoutbox):
    membership = MembershipFactory()

    result = services.invitation_create(
        member=membership.member, email=membership.user.email, role="editor", invited_by=None
    )

    assert result is None
    assert mailoutbox == []


def test_invitation_accept_creates_verified_account_and_lands_in_editor(client):
    invitation = InvitationFactory(email="cam@example.org", role=Membership.Role.ADMIN)
    path = link_path(invitation)

    page = client.get(path)
    response = client.post(path, {"name": "Cam Era", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert response.status_code == 302
    assert response["Location"] == f"/en/my-company/{invitation.member.slug}/"
    user = User.objects.get(email="cam@example.org")
    assert user.name == "Cam Era"
    assert user.check_password(NEW_PASSWORD)
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("cam@example.org", True, True)
    ]
    assert list(user.memberships.values_list("member_id", "role")) == [(invitation.member_id, "admin")]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", user)
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert editor.context["user"] == user


def test_invitation_accept_with_mismatched_passwords_keeps_the_name(client):
    invitation = InvitationFactory()

    response = client.post(
        link_path(invitation), {"name": "Keep Me", "password1": NEW_PASSWORD, "password2": "something-else-9"}
    )

    assert response.status_code == 400
    assert response.context["form"]["name"].value() == "Keep Me"
    assert response.context["form"].errors == {"password2": ["The two passwords differ."]}
    assert not User.objects.filter(email=invitation.email).exists()


def test_invitation_accept_rejects_a_weak_password(client):
    invitation = InvitationFactory()

    response = client.post(link_path(invitation), {"name": "Weak", "password1": "12345678", "password2": "12345678"})

    assert response.status_code == 400
    assert "password1" in response.context["form"].errors
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


def test_invitation_link_expired_after_14_days_shows_clear_page(client):
    invitation = InvitationFactory(
        sent_at=timezone.now() - timedelta(days=15), expires_at=timezone.now() - timedelta(days=1)
    )

    response = client.get(link_path(invitation))

    assert response.status_code == 410
    assert response.context["reason"] == "expired"
    assert "The invitation has expired" in response.content.decode()


def test_invitation_link_with_old_signature_is_expired(client, monkeypatch):
    invitation = InvitationFactory()
    path = link_path(invitation)
    later = timezone.now().timestamp() + 15 * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.get(path)

    assert response.status_code == 410
    assert response.context["reason"] == "expired"


def test_invitation_link_used_twice_shows_clear_page(client):
    invitation = InvitationFactory()
    path = link_path(invitation)
    client.post(path, {"name": "Once", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    response = client.post(path, {"name": "Twice", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 410
    assert response.context["reason"] == "used"
    assert "already been accepted" in response.content.decode()
    assert User.objects.get(email=invitation.email).name == "Once"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
    ],
)
def test_invitation_link_tampered_shows_clear_page(client, mangle):
    invitation = InvitationFactory()
    token = tokens.make_token(invitation_id=invitation.pk, key=invitation.key)

    response = client.get(f"/en/invitation/{mangle(token)}/")

    assert response.status_code == 400
    assert response.context["reason"] == "invalid"
    assert "The link is not valid" in response.content.decode()


def test_invitation_link_signed_for_another_key_is_invalid(client):
    invitation = InvitationFactory()
    token = tokens.make_token(invitation_id=invitation.pk, key="guessed-key")

    response = client.get(f"/en/invitation/{token}/")

    assert response.status_code == 400


def test_invitation_resend_retires_the_old_link(client, mailoutbox, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(sent_at=timezone.now() - timedelta(hours=1))
    old_path = link_path(invitation)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_resend(invitation=invitation, by=None) is True
    invitation.refresh_from_db()

    assert client.get(old_path).status_code == 400
    assert client.get(link_path(invitation)).status_code == 200
    assert len(mailoutbox) == 1


def test_invitation_resend_revives_an_expired_invitation(client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(days=1))

    services.invitation_resend(invitation=invitation, by=None)
    invitation.refresh_from_db()

    assert invitation.state == "pending"
    assert client.get(link_path(invitation)).status_code == 200


def test_invitation_revoked_link_shows_clear_page(client):
    invitation = InvitationFactory()
    services.invitation_revoke(invitation=invitation)

    response = client.get(link_path(invitation))

    assert response.status_code == 410
    assert response.context["reason"] == "revoked"


def test_invitation_for_existing_account_asks_to_log_in_then_adds_the_firm(client):
    user = UserFactory(email="multi@example.org")
    MembershipFactory(user=user)
    invitation = InvitationFactory(email="multi@example.org")
    path = link_path(invitation)

    anonymous = client.post(path, {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.force_login(user)
    accepted = client.post(path)

    assert anonymous.status_code == 409
    assert "Please log in first" in anonymous.content.decode()
    assert accepted.status_code == 302
    assert user.memberships.count() == 2
    assert user.check_password(PASSWORD)


def test_invitation_to_an_accounts_second_address_asks_that_account_to_log_in(client):
    owner = UserFactory(email="main@example.org")
    EmailAddress.objects.create(user=owner, email="second@example.org", verified=True, primary=False)
    invitation = InvitationFactory(email="second@example.org")
    path = link_path(invitation)

    page = client.get(path)
    anonymous = client.post(path, {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.force_login(owner)
    accepted = client.post(path)

    assert page.context["existing_account"] is True
    assert anonymous.status_code == 409
    assert accepted.status_code == 302
    assert User.objects.filter(email__iexact="second@example.org").exists() is False
    assert list(owner.memberships.values_list("member_id", flat=True)) == [invitation.member_id]
    owner.refresh_from_db()
    assert owner.email == "main@example.org"
    assert sorted(EmailAddress.objects.filter(user=owner).values_list("email", "primary")) == [
        ("main@example.org", True),
        ("second@example.org", False),
    ]


def test_invitation_to_an_unverified_second_address_can_still_be_accepted_as_new(client):
    """An address someone added but never confirmed is not theirs yet."""
    other = UserFactory(email="holder@example.org")
    EmailAddress.objects.create(user=other, email="unproven@example.org", verified=False, primary=False)
    invitation = InvitationFactory(email="unproven@example.org")

    response = client.post(
        link_path(invitation), {"name": "Real Owner", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert User.objects.get(email="unproven@example.org").name == "Real Owner"


def test_invitation_for_another_address_is_refused_to_a_logged_in_user(client):
    invitation = InvitationFactory(email="right@example.org")
    client.force_login(UserFactory(email="wrong@example.org"))

    response = client.post(link_path(invitation))

    assert response.status_code == 403
    assert Membership.objects.count() == 0
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


def test_invitation_create_again_within_the_cooldown_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invitation_create(member=member, email="a@example.org", role="editor", invited_by=None)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.InvitationRecentlySent) as held:
        services.invitation_create(member=member, email="A@Example.org", role="admin", invited_by=None)

    assert held.value.invitation.pk == first.pk
    assert list(Invitation.objects.values_list("pk", "key", "role")) == [(first.pk, first.key, "editor")]
    assert len(mailoutbox) == 1


def test_invitation_resend_within_the_cooldown_sends_nothing_even_for_a_coordinator(
    mailoutbox, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(sent_at=timezone.now() - timedelta(minutes=4), key="first-key")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.InvitationRecentlySent):
        services.invitation_resend(invitation=invitation, by=UserFactory(is_staff=True))

    invitation.refresh_from_db()
    assert invitation.key == "first-key"
    assert mailoutbox == []


def test_invitation_resend_after_the_cooldown_sends_again(mailoutbox, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(sent_at=timezone.now() - services.RESEND_COOLDOWN, key="first-key")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_resend(invitation=invitation, by=None) is True

    invitation.refresh_from_db()
    assert invitation.key != "first-key"
    assert [m.to for m in mailoutbox] == [[invitation.email]]


def test_invitation_create_losing_a_race_keeps_the_winners_invitation(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    """Two admins invite the same address at once: the second insert hits the constraint."""
    winner = InvitationFactory(email="ana@example.org", key="winner-key")
    lookup = services._pending_invitation
    # The loser looked before the winner committed, so its first lookup found nothing.
    calls = iter([None])
    monkeypatch.setattr(services, "_pending_invitation", lambda **kw: next(calls, None) or lookup(**kw))

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.InvitationRecentlySent) as held:
        services.invitation_create(member=winner.member, email="ANA@example.org", role="admin", invited_by=None)

    assert held.value.invitation == winner
    assert list(Invitation.objects.values_list("pk", "key", "role")) == [(winner.pk, "winner-key", "editor")]
    assert mailoutbox == []


def test_invitations_create_reports_each_address(mailoutbox, django_capture_on_commit_callbacks):
    membership = MembershipFactory()
    InvitationFactory(member=membership.member, email="recent@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        batch = services.invitations_create(
            member=membership.member,
            emails=["new@example.org", "recent@example.org", membership.user.email],
            role="editor",
            invited_by=None,
        )

    assert [i.email for i in batch.sent] == ["new@example.org"]
    assert batch.recently_sent == ["recent@example.org"]
    assert batch.already_members == [membership.user.email]
    assert [m.to for m in mailoutbox] == [["new@example.org"]]


def test_database_holds_one_pending_invitation_per_address_and_firm():
    first = InvitationFactory(email="ana@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(member=first.member, email="Ana@Example.org")
    # Other firms, and invitations no longer pending, do not count.
    InvitationFactory(email="ana@example.org")
    InvitationFactory(member=first.member, email="ana@example.org", status=Invitation.Status.REVOKED)
    InvitationFactory(member=first.member, email="ana@example.org", status=Invitation.Status.ACCEPTED)

    assert Invitation.objects.filter(email__iexact="ana@example.org").count() == 4


def test_migration_revokes_older_duplicates_before_adding_the_constraint():
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0004_one_pending_application")])
    member, other = MemberFactory(), MemberFactory()
    now = timezone.now()
    older = InvitationFactory(member=member, email="Ana@example.org", sent_at=now - timedelta(days=2))
    newest = InvitationFactory(member=member, email="ana@example.org", sent_at=now - timedelta(days=1))
    elsewhere = InvitationFactory(member=other, email="ana@example.org", sent_at=now - timedelta(days=3))

    # Check the rows' foreign keys now, as a commit would: in a real migration the rows
    # were inserted in earlier transactions, and only the migration's own writes are pending.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0005_one_pending_invitation")])

    states = dict(Invitation.objects.values_list("pk", "status"))
    assert states == {older.pk: "revoked", newest.pk: "pending", elsewhere.pk: "pending"}
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(member=member, email="ana@example.org")


@pytest.mark.integration
def test_invitation_happy_path_through_smtp_and_worker(transactional_db, smtp_server, eager_off, client):
    member = MemberFactory(name="Loopback Films")
    coordinator = UserFactory(is_staff=True, name="Cora Coordinator")
    worker = start_worker(email_url=smtp_server.url)
    try:
        with transaction.atomic():
            services.invitations_create(
                member=member, emails=["first@example.org"], role="admin", invited_by=coordinator, language="en"
            )
        received = smtp_server.wait_for(1, timeout=60)
    finally:
        worker.stop()
        worker.log_path.unlink(missing_ok=True)

    assert len(received) == 1
    message = received[0]
    assert message["To"] == "first@example.org"
    assert message["Subject"].strip() == "Invitation to Loopback Films on the portal · Krakow Film Cluster"
    text = message.get_body(preferencelist=("plain",)).get_content()
    url = url_in(text)
    path = url.removeprefix("http://127.0.0.1:8000")
    form = client.get(path)
    response = client.post(path, {"name": "First Person", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    editor = client.get(response["Location"])

    assert form.status_code == 200
    assert response["Location"] == f"/en/my-company/{member.slug}/"
    assert editor.status_code == 200
    assert "Edit Loopback Films" in editor.content.decode()
    assert editor.context["user"].email == "first@example.org"
    person = User.objects.get(email="first@example.org")
    assert (person.name, person.check_password(NEW_PASSWORD)) == ("First Person", True)
    assert list(person.memberships.values_list("member__slug", "role")) == [(member.slug, "admin")]
    assert EmailAddress.objects.get(user=person).verified is True
    client.logout()
    assert client.login(email="first@example.org", password=NEW_PASSWORD) is True
