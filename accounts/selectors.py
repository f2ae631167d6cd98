"""Reads of the accounts area: a user's firms and a firm's team."""

from __future__ import annotations

from members.models import Member

from .models import Invitation, Membership, User


def user_firms(user: User):
    """The firms the user belongs to, with their role, for the "My company" landing page."""
    return Membership.objects.filter(user=user).select_related("member").order_by("member__name")


def team_memberships(member: Member):
    return Membership.objects.filter(member=member).select_related("user").order_by("user__name", "user__email")


def team_invitations(member: Member):
    """Invitations not yet accepted: pending, expired and revoked, newest first."""
    return (
        Invitation.objects.filter(member=member)
        .exclude(status=Invitation.Status.ACCEPTED)
        .select_related("invited_by")
        .order_by("-sent_at")
    )
