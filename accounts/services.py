"""Writes of the accounts area: invitations, memberships, applications to join, settings.

Owns who may hold an account for which firm. Every email goes through
``core.emails.queue_email`` (a Celery task after commit), in the recipient's language.
Privacy writes (export, deletion) live in ``accounts.privacy``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.emails import queue_email
from members.models import Member, MemberService

from . import tokens
from .models import Invitation, Membership, MembershipApplication, User


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def address_owner(email: str) -> User | None:
    """The account that holds an address: as its login, or as a verified extra address.

    allauth keeps a verified address unique across accounts, so nobody else may take it.
    """
    held = Q(email__iexact=email) | Q(emailaddress__email__iexact=email, emailaddress__verified=True)
    return User.objects.filter(held).distinct().first()


def invitation_url(invitation: Invitation, *, language: str | None = None) -> str:
    token = tokens.make_token(invitation_id=invitation.pk, key=invitation.key)
    with translation.override(language or invitation.language):
        return _absolute(reverse("accounts:invitation_accept", kwargs={"token": token}))


def _issue(invitation: Invitation) -> None:
    now = timezone.now()
    invitation.key = secrets.token_urlsafe(24)
    invitation.sent_at = now
    invitation.expires_at = now + tokens.MAX_AGE
    invitation.status = Invitation.Status.PENDING


def _send_invitation_email(invitation: Invitation) -> None:
    inviter = invitation.invited_by
    queue_email(
        to=[invitation.email],
        template="accounts/emails/invitation",
        context={
            "member_name": invitation.member.name,
            "inviter_name": inviter.get_full_name() if inviter else "",
            "role": invitation.get_role_display(),
            "url": invitation_url(invitation),
            "valid_days": tokens.VALID_DAYS,
        },
        language=invitation.language,
    )


def _language_for(email: str, fallback: str | None) -> str:
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    if user:
        return user.preferred_language
    return fallback or settings.LANGUAGE_CODE


# The same address gets at most one invitation email from a firm in this time, whoever
# asks (a double click, two admins, a coordinator pressing "resend" twice).
RESEND_COOLDOWN = timedelta(minutes=5)


class InvitationRecentlySent(Exception):
    """The address got this invitation less than ``RESEND_COOLDOWN`` ago; nothing was sent."""

    def __init__(self, invitation: Invitation):
        super().__init__(invitation.email)
        self.invitation = invitation


def recently_sent_message(emails: Iterable[str]) -> str:
    minutes = int(RESEND_COOLDOWN.total_seconds() // 60)
    return ngettext(
        "%(emails)s received an invitation less than %(minutes)s minute ago, so it was not sent again.",
        "%(emails)s received an invitation less than %(minutes)s minutes ago, so it was not sent again.",
        minutes,
    ) % {"emails": ", ".join(emails), "minutes": minutes}


def _recently_sent(invitation: Invitation) -> bool:
    # An expired invitation may always be revived: its link no longer works anyway.
    now = timezone.now()
    return invitation.expires_at > now and invitation.sent_at > now - RESEND_COOLDOWN


def _pending_invitation(*, member: Member, email: str, lock: bool = False) -> Invitation | None:
    invitations = Invitation.objects.filter(member=member, email__iexact=email, status=Invitation.Status.PENDING)
    return (invitations.select_for_update() if lock else invitations).first()


@transaction.atomic
def invitation_create(
    *,
    member: Member,
    email: str,
    role: str,
    invited_by: User | None,
    language: str | None = None,
    send: bool = True,
) -> Invitation | None:
    """Invite one address to a firm; ``None`` when that person already belongs to it.

    A pending invitation to the same address and firm is re-issued rather than doubled
    (the database holds one pending invitation per address and firm), but not re-sent
    within ``RESEND_COOLDOWN``: that raises ``InvitationRecentlySent``.
    """
    email = email.strip().lower()
    if Membership.objects.filter(member=member, user__email__iexact=email).exists():
        return None
    invitation = _pending_invitation(member=member, email=email, lock=True) or Invitation(member=member, email=email)
    if send and invitation.pk and _recently_sent(invitation):
        raise InvitationRecentlySent(invitation)
    invitation.role = role
    invitation.invited_by = invited_by
    invitation.language = _language_for(email, language)
    _issue(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        # Someone invited the same address to the same firm at the same moment, and
        # their invitation (and its email) committed first: that one stands.
        standing = _pending_invitation(member=member, email=email) or invitation
        raise InvitationRecentlySent(standing) from None
    if send:
        _send_invitation_email(invitation)
    return invitation


@dataclass
class InvitationBatch:
    """What inviting several addresses did, address by address."""

    sent: list[Invitation] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)
    recently_sent: list[str] = field(default_factory=list)


def invitations_create(
    *, member: Member, emails: Iterable[str], role: str, invited_by: User | None, language: str | None = None
) -> InvitationBatch:
    batch = InvitationBatch()
    for email in emails:
        try:
            invitation = invitation_create(
                member=member, email=email, role=role, invited_by=invited_by, language=language
            )
        except InvitationRecentlySent as held_back:
            batch.recently_sent.append(held_back.invitation.email)
            continue
        if invitation is None:
            batch.already_members.append(email)
        else:
            batch.sent.append(invitation)
    return batch


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User | None) -> bool:
    """Send a fresh link (the old one stops working); only for pending or expired ones.

    Not twice within ``RESEND_COOLDOWN``: that raises ``InvitationRecentlySent``.
    """
    invitation = Invitation.objects.select_for_update().select_related("member").get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        return False
    if _recently_sent(invitation):
        raise InvitationRecentlySent(invitation)
    if by is not None:
        invitation.invited_by = by
    _issue(invitation)
    invitation.save()
    _send_invitation_email(invitation)
    return True


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> bool:
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED
    )
    return bool(updated)


class InvitationUnusable(Exception):
    """Why a link cannot be used: ``reason`` is invalid, expired, used or revoked."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link stands for, or ``InvitationUnusable``."""
    try:
        data = tokens.read_token(token)
    except tokens.ExpiredToken:
        raise InvitationUnusable("expired") from None
    except tokens.InvalidToken:
        raise InvitationUnusable("invalid") from None
    invitation = Invitation.objects.select_related("member").filter(pk=data.invitation_id).first()
    if invitation is None or not secrets.compare_digest(invitation.key, data.key):
        # A resent invitation has a new key: the old link is simply no longer valid.
        raise InvitationUnusable("invalid")
    state = invitation.state
    if state == Invitation.Status.ACCEPTED:
        raise InvitationUnusable("used", invitation)
    if state == Invitation.Status.REVOKED:
        raise InvitationUnusable("revoked", invitation)
    if state == Invitation.Status.EXPIRED:
        raise InvitationUnusable("expired", invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User | None = None, name: str = "", password: str = "") -> User:
    """Accept once: create the account (or use the logged-in one) and the membership.

    The address counts as verified: the person proved they read mail sent to it.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != Invitation.Status.PENDING:
        raise InvitationUnusable("used" if invitation.status == Invitation.Status.ACCEPTED else invitation.state)
    if user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password, name=name, preferred_language=invitation.language
        )
    if user.email.lower() == invitation.email.lower():
        EmailAddress.objects.update_or_create(
            user=user, email__iexact=invitation.email, defaults={"email": user.email, "verified": True, "primary": True}
        )
    else:  # invited at one of the account's other addresses
        EmailAddress.objects.filter(user=user, email__iexact=invitation.email).update(verified=True)
    membership, created = Membership.objects.get_or_create(
        user=user, member_id=invitation.member_id, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and membership.role != Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    return user


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove someone from a firm; a firm never loses its last member admin this way."""
    if membership.role == Membership.Role.ADMIN:
        # Lock the firm's admin rows (count() would drop FOR UPDATE), so two admins
        # removing each other at the same moment cannot leave the firm with none.
        admins = Membership.objects.select_for_update().filter(
            member_id=membership.member_id, role=Membership.Role.ADMIN
        )
        if len(admins.values_list("pk", flat=True)) <= 1:
            raise ValidationError(_("A firm needs at least one member admin."), code="last_admin")
    membership.delete()


# --- Applications to join the cluster -----------------------------------------------------


def _pending_twin(application: MembershipApplication) -> MembershipApplication | None:
    return MembershipApplication.objects.filter(
        status=MembershipApplication.Status.PENDING,
        contact_email__iexact=application.contact_email,
        company_name__iexact=application.company_name,
    ).first()


@transaction.atomic
def application_submit(*, application: MembershipApplication, services: Iterable) -> MembershipApplication:
    """Store the application and tell both sides; the same one sent again is not doubled.

    A repeat (same contact and firm while the first is pending: a double click, a reload)
    returns the stored application and sends nothing; the unique constraint settles two
    copies that arrive at the same moment.
    """
    twin = _pending_twin(application)
    if twin is not None:
        return twin
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # its twin committed in the meantime
        return _pending_twin(application)
    application.services.set(services)
    context = {"application": application, "company_name": application.company_name}
    queue_email(
        to=[application.contact_email],
        template="accounts/emails/application_received",
        context=context,
        language=application.language,
    )
    queue_email(
        to=[settings.COORDINATOR_EMAIL],
        template="accounts/emails/application_new",
        context={
            **context,
            "admin_url": _absolute(reverse("admin:accounts_membershipapplication_change", args=[application.pk])),
        },
        # The office's own account, when it has one, says which language it reads.
        language=_language_for(settings.COORDINATOR_EMAIL, settings.LANGUAGE_CODE),
    )
    return application


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "member"
    slug, counter = base, 2
    while Member.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def application_approve(*, application: MembershipApplication, by: User | None) -> Member:
    """Create the (hidden) member, invite the contact person as its admin, tell them."""
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != MembershipApplication.Status.PENDING:
        raise ValidationError(_("This application has already been reviewed."), code="reviewed")
    member = Member(
        name=application.company_name,
        slug=_unique_slug(application.company_name),
        kind=application.kind,
        city=application.city,
        address=application.address,
        postal_code=application.postal_code,
        website=application.website,
        year_founded=application.year_founded,
        status=Member.Status.ACTIVE,
        is_public=False,
        member_since=timezone.localdate(),
    )
    setattr(member, f"description_{application.language}", application.description)
    member.save()
    MemberService.objects.bulk_create(
        [MemberService(member=member, category=category) for category in application.services.all()]
    )
    application.status = MembershipApplication.Status.APPROVED
    application.reviewed_by = by
    application.reviewed_at = timezone.now()
    application.member = member
    application.publish_when_complete = True
    application.save()
    invitation = invitation_create(
        member=member,
        email=application.contact_email,
        role=Membership.Role.ADMIN,
        invited_by=by,
        language=application.language,
        send=False,
    )
    queue_email(
        to=[application.contact_email],
        template="accounts/emails/application_approved",
        context={
            "company_name": application.company_name,
            "contact_name": application.contact_name,
            "url": invitation_url(invitation) if invitation else _absolute(reverse("account_login")),
            "valid_days": tokens.VALID_DAYS,
        },
        language=application.language,
    )
    return member


@transaction.atomic
def application_reject(*, application: MembershipApplication, by: User | None, reason: str) -> None:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != MembershipApplication.Status.PENDING:
        raise ValidationError(_("This application has already been reviewed."), code="reviewed")
    if not reason.strip():
        raise ValidationError(_("Please give the applicant a reason."), code="reason_required")
    application.status = MembershipApplication.Status.REJECTED
    application.rejection_reason = reason.strip()
    application.reviewed_by = by
    application.reviewed_at = timezone.now()
    application.save()
    queue_email(
        to=[application.contact_email],
        template="accounts/emails/application_rejected",
        context={
            "company_name": application.company_name,
            "contact_name": application.contact_name,
            "reason": application.rejection_reason,
        },
        language=application.language,
    )


@transaction.atomic
def account_settings_save(*, user: User, name: str, preferred_language: str) -> User:
    user.name = name
    user.preferred_language = preferred_language
    user.save(update_fields=["name", "preferred_language"])
    return user
