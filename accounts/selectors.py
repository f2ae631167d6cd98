"""Reads of the accounts area: a user's firms, a firm's team, the profile's history."""

from __future__ import annotations

from django.db.models import Prefetch

from members.models import Member, MemberService

from .models import Invitation, Membership, User


def user_firms(user: User):
    """The firms the user belongs to, with their role, for the "My company" landing page."""
    return Membership.objects.filter(user=user).select_related("member").order_by("member__name")


def member_for_editing(*, slug: str):
    return (
        Member.objects.filter(slug=slug)
        .prefetch_related(Prefetch("services", queryset=MemberService.objects.select_related("category__parent")))
        .first()
    )


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


HISTORY_HIDDEN = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id", "id"}


def member_history(member: Member, *, limit: int = 30) -> list[dict]:
    """The profile's latest changes: who, when, and which fields, newest first.

    Compares each historical row with the one before it in Python, so the page costs two
    queries however long the list is.
    """
    if not hasattr(Member, "history"):
        return []
    records = list(member.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    attnames = {f.attname for f in Member.history.model._meta.concrete_fields}
    # A translated field is compared through its _pl/_en columns, not the original one.
    field_names = [
        name
        for name in sorted(attnames - HISTORY_HIDDEN)
        if f"{name}_pl" not in attnames and f"{name}_en" not in attnames
    ]
    labels = {f.attname: f.verbose_name for f in Member.history.model._meta.concrete_fields}
    entries = []
    for record, previous in zip(records, records[1:] + [None], strict=False):
        if len(entries) == limit:
            break
        if previous is None:
            changed = []
        else:
            changed = [labels[n] for n in field_names if getattr(record, n) != getattr(previous, n)]
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "changed": changed,
            }
        )
    return entries
