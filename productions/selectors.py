"""Reads of the productions area: which leads a person may see, which match a firm,
the public showcase, the response board and the leads changed since a moment (digest).

Matching rule (``matching_category_ids``): a lead matches a firm when it needs at
least one category the firm offers. A lead that names a *top-level* category (e.g.
"Post-production") is satisfied by any of its services, so it also matches a firm
offering one of that category's children ("Sound post-production"). The reverse does
not hold: a lead that needs a specific service does not match a firm that only lists
the broad top-level area, because the coordinator asked for something precise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from accounts.access import active_member_ids
from accounts.models import Membership
from locations.models import PUBLIC as LOCATION_PUBLIC
from members.models import Credit, Member, MemberService

from .filters import LeadFilter
from .models import LeadAlertPreference, LeadResponse, LeadStatusChange, ProductionLead


def matching_category_ids(member_ids) -> set[int]:
    """Categories whose presence among a lead's needs makes it match these firms:
    the categories they offer plus the parents of those (one query)."""

    ids: set[int] = set()
    for category_id, parent_id in MemberService.objects.filter(member_id__in=list(member_ids)).values_list(
        "category_id", "category__parent_id"
    ):
        ids.add(category_id)
        if parent_id:
            ids.add(parent_id)
    return ids


def _needs_any(category_ids) -> Exists:
    through = ProductionLead.services_needed.through
    return Exists(through.objects.filter(productionlead_id=OuterRef("pk"), servicecategory_id__in=category_ids))


def lead_matches_member(*, lead: ProductionLead, member) -> bool:
    ids = matching_category_ids([member.pk])
    return ProductionLead.objects.filter(pk=lead.pk).filter(_needs_any(ids)).exists()


def leads_visible_to(user) -> QuerySet[ProductionLead]:
    """Published leads for members; the coordinator also sees drafts. Callers check
    membership first (accounts.access); this only narrows what a member may read."""
    leads = ProductionLead.objects.all()
    if not (user.is_authenticated and user.is_staff):
        leads = leads.filter(published_at__isnull=False)
    return leads


def lead_list(*, user, filter_data=None, member_ids=None):
    """The members' lead list with "matches your services" and "your firm is
    interested" annotations, filtered by ``filters.LeadFilter``. Returns the FilterSet;
    its ``.qs`` is the page's queryset (needed services prefetched)."""

    if member_ids is None:
        member_ids = active_member_ids(user)
    match_ids = matching_category_ids(member_ids) if member_ids else set()
    leads = (
        leads_visible_to(user)
        .annotate(
            matches=_needs_any(match_ids),
            my_interest=Exists(
                LeadResponse.objects.filter(
                    lead_id=OuterRef("pk"), member_id__in=member_ids, status__in=LeadResponse.POSITIVE
                )
            ),
        )
        .prefetch_related("services_needed")
    )
    return LeadFilter(filter_data, queryset=leads, has_firm=bool(member_ids))


def lead_detail(*, user, pk: int) -> ProductionLead:
    member_ids = active_member_ids(user)
    match_ids = matching_category_ids(member_ids) if member_ids else set()
    return (
        leads_visible_to(user)
        .annotate(matches=_needs_any(match_ids))
        .prefetch_related("services_needed__parent", "status_changes")
        .get(pk=pk)
    )


def lead_library_locations(*, lead: ProductionLead) -> list:
    """The library's public locations the lead names (links on its members-only page;
    an unpublished one has no page to link to)."""
    return list(lead.library_locations.filter(LOCATION_PUBLIC).only("slug", "name_pl", "name_en", "municipality"))


def firm_responses(*, lead: ProductionLead, member_ids) -> dict[int, LeadResponse]:
    return {r.member_id: r for r in LeadResponse.objects.filter(lead=lead, member_id__in=list(member_ids))}


def matching_members(*, lead: ProductionLead):
    """Active firms offering a service the lead needs (see the module docstring)."""

    needed = list(lead.services_needed.values_list("id", "parent_id"))
    needed_ids = {cid for cid, _ in needed}
    return (
        Member.objects.filter(status=Member.Status.ACTIVE)
        .filter(Q(services__category_id__in=needed_ids) | Q(services__category__parent_id__in=needed_ids))
        .distinct()
        .order_by("name")
    )


@dataclass
class PublishPreview:
    lead: ProductionLead
    firms: int  # matching active firms: who will receive the lead
    people: int  # their users who get an instant alert (the others read it in the digest)


def publish_preview(*, lead: ProductionLead) -> PublishPreview:
    """What publishing the lead will do, said before the coordinator confirms: the same
    firms and users the lead router alerts (productions.services.alert_recipients)."""
    firms = matching_members(lead=lead).order_by().count()
    return PublishPreview(lead=lead, firms=firms, people=alert_memberships(lead=lead).order_by().count())


def alert_memberships(*, lead: ProductionLead) -> QuerySet[Membership]:
    """Users of active firms matching the lead who have not turned instant lead alerts off."""
    opted_out = LeadAlertPreference.objects.filter(instant_lead_alerts=False).values("user_id")
    return (
        Membership.objects.filter(member__in=matching_members(lead=lead).order_by(), user__is_active=True)
        .exclude(user_id__in=opted_out)
        .order_by("member__name", "user__email")
    )


@dataclass
class BoardRow:
    member: object
    response: LeadResponse | None
    matches: bool


def response_board(*, lead: ProductionLead) -> list[BoardRow]:
    """Every firm that matches the lead or answered it: who answered what and when,
    and who has not answered yet."""
    responses = {r.member_id: r for r in lead.responses.select_related("member", "user")}
    matching = list(matching_members(lead=lead))
    rows = [BoardRow(member=m, response=responses.pop(m.pk, None), matches=True) for m in matching]
    rows += [BoardRow(member=r.member, response=r, matches=False) for r in responses.values()]
    return rows


def leads_with_interest_count(queryset=None) -> QuerySet[ProductionLead]:
    queryset = ProductionLead.objects.all() if queryset is None else queryset
    return queryset.annotate(
        interest_count=Count("responses", filter=Q(responses__status__in=LeadResponse.POSITIVE), distinct=True)
    )


def showcase() -> QuerySet[ProductionLead]:
    """Wrapped productions the coordinator marked public, with the firms that took
    part (contracted) and show publicly."""

    return (
        ProductionLead.objects.filter(
            published_at__isnull=False,
            status=ProductionLead.Status.WRAPPED,
            visibility=ProductionLead.Visibility.PUBLIC,
        )
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=LeadResponse.objects.filter(
                    status=LeadResponse.Status.CONTRACTED,
                    member__is_public=True,
                    member__status=Member.Status.ACTIVE,
                ).select_related("member"),
                to_attr="public_participants",
            )
        )
        # Newest shoots first; PostgreSQL would put the undated ones before all of them.
        .order_by(F("shooting_end").desc(nulls_last=True), "-published_at")
    )


def showcase_urls_for_titles(titles) -> dict[str, str]:
    """Showcase page per credit title (case-insensitive match on either language's
    title), for linking a member profile's credits to the showcase in one query."""
    wanted = {t.strip().casefold() for t in titles if t}
    if not wanted:
        return {}
    urls = {}
    for lead in showcase().prefetch_related(None).only("pk", "title_pl", "title_en"):
        for title in (lead.title_pl, lead.title_en):
            if title and title.strip().casefold() in wanted:
                urls[title.strip().casefold()] = lead_showcase_url(lead)
    return urls


def lead_showcase_url(lead) -> str:

    return reverse("productions:showcase_detail", kwargs={"pk": lead.pk})


def credits_for_showcase(lead):
    """Members' public credits whose title matches a showcase production."""

    titles = [t for t in (lead.title_pl, lead.title_en) if t]
    query = Q()
    for title in titles:
        query |= Q(title__iexact=title.strip())
    return (
        Credit.objects.filter(query, member__is_public=True, member__status=Member.Status.ACTIVE)
        .select_related("member")
        .order_by("member__name")
    )


@dataclass
class ChangedLeads:
    new: list[ProductionLead]
    status_changed: list[ProductionLead]
    updated: list[ProductionLead]


def leads_changed_since(moment: datetime) -> ChangedLeads:
    """Members-visible leads changed since ``moment``, for the digest: one query per
    kind of change. A lead appears under one kind only (new beats status changed beats
    updated)."""
    published = ProductionLead.objects.filter(published_at__isnull=False).prefetch_related(None)
    # A lead cancelled or wrapped by the time the digest goes out is no new opportunity.
    new = list(
        published.filter(published_at__gte=moment)
        .exclude(status__in=ProductionLead.CLOSED_STATUSES)
        .order_by("published_at")
    )
    status_moved = LeadStatusChange.objects.filter(lead_id=OuterRef("pk"), reached_at__gte=moment)
    status_changed = list(
        published.filter(published_at__lt=moment).filter(Exists(status_moved)).order_by("-updated_at")
    )
    updated = list(
        published.filter(published_at__lt=moment, updated_at__gte=moment)
        .exclude(Exists(status_moved))
        .order_by("-updated_at")
    )
    return ChangedLeads(new=new, status_changed=status_changed, updated=updated)
