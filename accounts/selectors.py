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


def _compared_fields(history_model) -> tuple[list[str], dict]:
    attnames = {f.attname for f in history_model._meta.concrete_fields}
    # A translated field is compared through its _pl/_en columns, not the original one.
    names = [
        name
        for name in sorted(attnames - HISTORY_HIDDEN)
        if f"{name}_pl" not in attnames and f"{name}_en" not in attnames
    ]
    return names, {f.attname: f.verbose_name for f in history_model._meta.concrete_fields}


def _profile_entries(member: Member, limit: int) -> list[dict]:
    records = list(member.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    field_names, labels = _compared_fields(Member.history.model)
    entries = []
    for record, previous in zip(records[:limit], records[1:] + [None], strict=False):
        changed = (
            [] if previous is None else [labels[n] for n in field_names if getattr(record, n) != getattr(previous, n)]
        )
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "what": Member._meta.verbose_name,
                "label": "",
                "changed": changed,
            }
        )
    return entries


def _child_label(record) -> str:
    for name in ("title", "name", "caption", "category"):
        value = getattr(record, name, None)
        if value:
            return str(getattr(value, "name", value))
    return ""


def _list_entries(member: Member, limit: int) -> list[dict]:
    """Changes to the firm's lists (services, credits, gallery, resources): one query each."""
    entries = []
    for relation in Member._meta.related_objects:
        child = relation.related_model
        history = getattr(child, "history", None)
        if relation.one_to_many is False or history is None or relation.field.name != "member":
            continue
        history_model = child.history.model
        related = ["history_user"] + (["category"] if "category" in {f.name for f in child._meta.fields} else [])
        records = (
            history_model.objects.filter(member_id=member.pk)
            .select_related(*related)
            .order_by("-history_date", "-history_id")[:limit]
        )
        entries.extend(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "what": child._meta.verbose_name,
                "label": _child_label(record),
                "changed": [],
            }
            for record in records
        )
    return entries


def member_history(member: Member, *, limit: int = 30) -> list[dict]:
    """The profile's latest changes, newest first: who, when, what, and which fields.

    The firm's own row is compared with the version before it in Python; its lists
    (services, credits, gallery, resources — every child model with history) add one
    query each, so the page costs the same however long the history is.
    """
    if not hasattr(Member, "history"):
        return []
    entries = _profile_entries(member, limit) + _list_entries(member, limit)
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return entries[:limit]
