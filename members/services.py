"""Writes of the members area: the search document, and inquiries from producers.

An inquiry is stored once and emailed (through ``core.emails.queue_email``, so by a
Celery task after commit) to every company it is addressed to, in the company's
language; an inquiry sent from a shortlist also goes to the coordinator. The view sends
the same inquiry posted again within minutes (a double click, a reloaded form) only
once (``core.resubmission``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Value
from django.utils import timezone

from core.emails import queue_email

from .models import Inquiry, Member
from .search import SEARCH_CONFIG, member_document


@transaction.atomic
def member_refresh_search(*, member_id: int, touch: bool = False) -> None:
    """Recompute a member's search document; ``touch`` also moves "last updated"."""
    member = (
        Member.objects.filter(pk=member_id)
        .prefetch_related("services__category__parent", "credits", "resources")
        .first()
    )
    if member is None:
        return
    document = member_document(member)
    changes = {"search_document": document, "search_vector": SearchVector(Value(document), config=SEARCH_CONFIG)}
    if touch:
        changes["updated_at"] = timezone.now()
    # update() so that no signal fires again and auto_now is not applied unasked.
    Member.objects.filter(pk=member_id).update(**changes)


def member_touch(*, member_id: int) -> None:
    """Move a member's "last updated" when a part outside the search document changed."""
    Member.objects.filter(pk=member_id).update(updated_at=timezone.now())


def member_email_language(member: Member) -> str:
    """Polish, unless the company's staff do not work in Polish."""
    return "pl" if "pl" in (member.languages or []) else "en"


def member_contact_emails(member: Member) -> list[str]:
    """The public business email, else the firm's users, else the cluster office."""
    if member.email:
        return [member.email]
    users = [m.user.email for m in member.memberships.select_related("user") if m.user.is_active]
    return users or [settings.COORDINATOR_EMAIL]


@transaction.atomic
def inquiry_send(
    *,
    members: Iterable[Member],
    name: str,
    email: str,
    company: str,
    message: str,
    consent: bool,
    language: str,
    source: str = Inquiry.Source.PROFILE,
) -> Inquiry:
    members = list(members)
    inquiry = Inquiry.objects.create(
        source=source, name=name, email=email, company=company, message=message, consent=consent, language=language
    )
    inquiry.recipients.set(members)
    for member in members:
        queue_email(
            to=member_contact_emails(member),
            template="members/emails/inquiry",
            context={"inquiry": inquiry, "member": member},  # its profile link is rendered in its language
            language=member_email_language(member),
            reply_to=[email],
        )
    if source == Inquiry.Source.SHORTLIST:
        queue_email(
            to=[settings.COORDINATOR_EMAIL],
            template="members/emails/inquiry_copy",
            context={"inquiry": inquiry, "members": members},
            language=settings.LANGUAGE_CODE,
            reply_to=[email],
        )
    return inquiry
