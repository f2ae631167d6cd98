"""Writes of the members area: the search documents, inquiries from producers, and the
firm's own profile ("My company").

An inquiry is stored once and emailed (through ``core.emails.queue_email``, so by a
Celery task after commit) to every company it is addressed to, in the company's
language; an inquiry sent from a shortlist also goes to the coordinator. The view sends
the same inquiry posted again within minutes (a double click, a reloaded form) only
once (``core.resubmission``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import MembershipApplication
from core import generations
from core.emails import queue_email
from core.search import documents, vocabulary

from .models import Inquiry, Member, MemberService
from .search import GENERATION, member_completeness, member_groups, member_names

_BATCH = 500


def _with_document_parts(queryset):
    return queryset.prefetch_related(
        Prefetch("services", queryset=MemberService.objects.select_related("category__parent")),
        "credits",
        "resources",
        "images",
    )


def _apply_document(member: Member) -> set[str]:
    """Set a member's document fields from its prefetched parts; returns its words."""
    groups = member_groups(member)
    # Ranking reads search_names; search_vector only matches, so it keeps no positions.
    member.search_document, member.search_vector = documents.build(groups, positions=False)
    member.search_names = documents.vector_value(documents.tsvector_literal({"A": member_names(member)}))
    member.profile_completeness = member_completeness(member)
    return set(member.search_document.split())


@transaction.atomic
def member_refresh_search(*, member_id: int, touch: bool = False) -> None:
    """Recompute a member's search document; ``touch`` also moves "last updated"."""
    member = _with_document_parts(Member.objects.filter(pk=member_id)).first()
    if member is None:
        return
    words = _apply_document(member)
    changes = {
        "search_document": member.search_document,
        "search_vector": member.search_vector,
        "search_names": member.search_names,
        "profile_completeness": member.profile_completeness,
    }
    if touch:
        changes["updated_at"] = timezone.now()
    # update() so that no signal fires again and auto_now is not applied unasked.
    Member.objects.filter(pk=member_id).update(**changes)
    vocabulary.record(words, kind=vocabulary.kind_of(Member))
    generations.bump_on_commit(GENERATION)


def members_refresh_search(*, member_ids: Iterable[int] | None) -> int:
    """Recompute the documents of many members (all when ``member_ids`` is None) in
    batches: one read and one UPDATE per 500 members, each batch its own transaction."""
    ids = (
        list(Member.objects.order_by("pk").values_list("pk", flat=True))
        if member_ids is None
        else sorted(set(member_ids))
    )
    for start in range(0, len(ids), _BATCH):
        with transaction.atomic():
            members = list(_with_document_parts(Member.objects.filter(pk__in=ids[start : start + _BATCH])))
            words: set[str] = set()
            for member in members:
                words |= _apply_document(member)
            Member.objects.bulk_update(
                members, ["search_document", "search_vector", "search_names", "profile_completeness"]
            )
            vocabulary.record(words, kind=vocabulary.kind_of(Member))
    generations.bump_on_commit(GENERATION)
    return len(ids)


def member_touch(*, member_id: int) -> None:
    """Move a member's "last updated" when a part outside the search document changed
    (its gallery, which still counts towards its profile's completeness)."""
    member_refresh_search(member_id=member_id, touch=True)


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


def inquiry_confirm_to_producer(*, inquiry: Inquiry, groups: list[dict]) -> None:
    """The producer's receipt for a shortlist inquiry, in their language: which firms
    (and locations, people) it went to, each with its public page, so they know whom to
    expect answers from. Replies go to the cluster office."""
    queue_email(
        to=[inquiry.email],
        template="members/emails/inquiry_confirmation",
        context={"inquiry": inquiry, "groups": groups},
        language=inquiry.language,
        reply_to=[settings.COORDINATOR_EMAIL],
    )


# --- The firm's profile ("My company") ---------------------------------------------------


def member_profile_missing(member: Member) -> list[str]:
    """What a profile still lacks before it may be shown publicly (empty when complete)."""
    missing = []
    if not (member.description_pl or "").strip():
        missing.append(str(_("a description in Polish")))
    if not (member.description_en or "").strip():
        missing.append(str(_("a description in English")))
    if not member.logo:
        missing.append(str(_("a logo")))
    if not MemberService.objects.filter(member=member).exists():  # not a stale prefetch
        missing.append(str(_("at least one service")))
    return missing


@transaction.atomic
def company_profile_save(*, form, formsets: Iterable) -> Member:
    """Save the firm's fields and its inline lists together; publish a new member once complete.

    The history of every change (who, when, what) is kept by django-simple-history on the
    members models; its middleware records the logged-in user.
    """
    member = form.save()
    for formset in formsets:
        formset.instance = member
        formset.save()
    application = MembershipApplication.objects.filter(member=member, publish_when_complete=True).first()
    if application and not member.is_public and not member_profile_missing(member):
        member.is_public = True
        member.save(update_fields=["is_public"])
        application.publish_when_complete = False
        application.save(update_fields=["publish_when_complete"])
    return member


@transaction.atomic
def company_list_save(*, member: Member, formset) -> Member:
    """Save one of the firm's lists (gallery, credits, resources).

    None of them counts towards a complete profile (``member_profile_missing``), so
    saving one never publishes a new member; the profile form does.
    """
    formset.instance = member
    formset.save()
    return member
