"""Reads of the digest area: who gets a digest, and everything a batch needs about its
recipients in a fixed number of queries."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, Max, OuterRef, Value
from django.db.models.functions import Coalesce

from accounts.models import Membership
from members.models import Member, MemberService

from .content import Recipient
from .models import DigestDelivery, DigestPreference, Frequency, all_sections


def subscribers(frequency: str):
    """Active users with a verified address and an active firm who chose ``frequency``
    (no preference row means the default, weekly). Values: (id, preferred_language)."""

    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(
            Exists(Membership.objects.filter(user_id=OuterRef("pk"), member__status=Member.Status.ACTIVE)),
            Exists(EmailAddress.objects.filter(user_id=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True)),
        )
        .annotate(chosen=Coalesce("digest_preference__frequency", Value(Frequency.WEEKLY)))
        .filter(chosen=frequency)
        .order_by("pk")
        .values_list("pk", "preferred_language")
    )


def recipients_for(user_ids: list[int], *, until) -> dict[int, Recipient]:
    """Recipients with their sections, firm services and previous digest: 3 queries."""

    users = get_user_model().objects.filter(pk__in=user_ids).select_related("digest_preference")
    recipients = {}
    for user in users:
        preference = getattr(user, "digest_preference", None)
        recipients[user.pk] = Recipient(
            user_id=user.pk,
            email=user.email,
            name=user.get_full_name(),
            language=user.preferred_language,
            sections=list(preference.sections) if preference else all_sections(),
            frequency=preference.frequency if preference else Frequency.WEEKLY,
            subscription_version=preference.subscription_version if preference else 0,
        )
    services = MemberService.objects.filter(
        member__memberships__user_id__in=user_ids, member__status=Member.Status.ACTIVE
    ).values_list("member__memberships__user_id", "category_id", "category__parent_id", "member_id")
    for user_id, category_id, parent_id, member_id in services:
        if user_id in recipients:
            recipients[user_id].firm_categories.update(c for c in (category_id, parent_id) if c)
            recipients[user_id].firm_ids.add(member_id)
    previous = (
        DigestDelivery.objects.filter(user_id__in=user_ids, state=DigestDelivery.State.SENT, period_end__lte=until)
        .values("user_id")
        .annotate(last_end=Max("period_end"))
    )
    for row in previous:
        if row["user_id"] in recipients:
            recipients[row["user_id"]].previous_end = row["last_end"]
    return recipients


def preference_for(user) -> DigestPreference:
    """The user's preference, unsaved with the defaults when they never chose."""
    try:
        return user.digest_preference
    except DigestPreference.DoesNotExist:
        return DigestPreference(user=user)
