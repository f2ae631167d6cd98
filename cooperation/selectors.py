"""Reads of the cooperation area: the requests board and a request's page, who may do
what with a request, the panel a call's page shows members, a lead's team, the
recipients of each kind of email and the digest's new requests.

Callers check membership first (the project's members-only rule); everything here
only narrows what a member sees. Hidden posts and replies are left out for everyone
but the firm that wrote them (which sees the coordinator's reason) and the coordinator.

Matching rule, as for production leads: a request matches a firm when it names a
category the firm offers, or the top-level area of one (a request for
"Post-production" matches a firm offering "Sound post-production").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import Membership
from members.models import Member, MemberService, ServiceCategory
from news.models import Post
from productions.models import LeadResponse

from .filters import RequestFilter
from .models import (
    CallParticipation,
    CooperationPreference,
    CooperationRequest,
    LeadTeamOptIn,
    RequestAnswer,
    RequestFollow,
    RequestMessage,
    open_q,
)

Status = CooperationRequest.Status


def can_moderate(user) -> bool:
    return bool(user.is_authenticated and user.is_staff and user.has_perm("cooperation.moderate_cooperation"))


def user_firms(user) -> list[Member]:
    """The active firms the user belongs to, by name (one query)."""
    if not user.is_authenticated:
        return []
    return list(Member.objects.filter(memberships__user=user, status=Member.Status.ACTIVE).order_by("name"))


def firm_category_ids(member_ids) -> set[int]:
    """Categories whose presence on a request makes it match these firms (one query)."""
    ids: set[int] = set()
    rows = MemberService.objects.filter(member_id__in=list(member_ids)).values_list(
        "category_id", "category__parent_id"
    )
    for category_id, parent_id in rows:
        ids.add(category_id)
        if parent_id:
            ids.add(parent_id)
    return ids


def _names_any(category_ids) -> Exists:
    through = CooperationRequest.services.through
    return Exists(through.objects.filter(cooperationrequest_id=OuterRef("pk"), servicecategory_id__in=category_ids))


def visible_requests(user, firm_ids=()) -> QuerySet[CooperationRequest]:
    """Requests the member may read: those of active firms; hidden ones only for their
    own firm and the coordinator (who also sees those of suspended or former firms)."""
    requests = CooperationRequest.objects.all()
    if not can_moderate(user):
        requests = requests.filter(member__status=Member.Status.ACTIVE).filter(
            Q(hidden_at__isnull=True) | Q(member_id__in=list(firm_ids))
        )
    return requests


def _count(model, **filters) -> Coalesce:
    rows = (
        model.objects.filter(request_id=OuterRef("pk"), hidden_at__isnull=True, **filters)
        .order_by()
        .values("request_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


def request_board(*, user, firms: list[Member], data=None):
    """The board's FilterSet (filters.RequestFilter); its ``.qs`` is the page's queryset
    with the counts, the "matches my firm" and "followed" marks and the services."""
    firm_ids = [f.pk for f in firms]
    match_ids = firm_category_ids(firm_ids) if firm_ids else set()
    requests = (
        visible_requests(user, firm_ids)
        .select_related("member", "call", "lead")
        .annotate(
            matches=_names_any(match_ids),
            followed=Exists(RequestFollow.objects.filter(request_id=OuterRef("pk"), user_id=user.pk)),
            answer_count=_count(RequestAnswer),
            message_count=_count(RequestMessage),
        )
        .prefetch_related("services")
    )
    return RequestFilter(data, queryset=requests, firm_ids=firm_ids)


def request_for_page(*, user, pk: int, firms: list[Member]) -> CooperationRequest:
    """The request with what its page shows; DoesNotExist when the reader may not see it."""
    firm_ids = [f.pk for f in firms]
    match_ids = firm_category_ids(firm_ids) if firm_ids else set()
    return (
        visible_requests(user, firm_ids)
        .select_related("member", "posted_by", "call", "lead")
        .annotate(
            matches=_names_any(match_ids),
            followed=Exists(RequestFollow.objects.filter(request_id=OuterRef("pk"), user_id=user.pk)),
            answer_count=_count(RequestAnswer),
        )
        .prefetch_related(
            Prefetch("services", queryset=ServiceCategory.objects.select_related("parent")), "matched_members"
        )
        .get(pk=pk)
    )


def is_own(request: CooperationRequest, firms: list[Member]) -> bool:
    """The requesting firm's users manage the request (edit, match, close)."""
    return any(f.pk == request.member_id for f in firms)


@dataclass
class Thread:
    question: RequestMessage
    replies: list[RequestMessage] = field(default_factory=list)


def thread(*, request: CooperationRequest, user, firm_ids) -> list[Thread]:
    """Questions in the order they were asked, each with its replies in the order they
    were written (one query). A hidden message keeps its place, as a notice, for readers
    who may not see it."""
    messages = list(
        RequestMessage.objects.filter(request=request)
        .select_related("member", "written_by")
        .order_by("created_at", "id")
    )
    moderator = can_moderate(user)
    threads: dict[int, Thread] = {}
    replies: dict[int, list[RequestMessage]] = defaultdict(list)
    for message in messages:
        message.shown = not message.is_hidden or moderator or message.member_id in firm_ids
        if message.parent_id is None:
            threads[message.pk] = Thread(question=message)
        else:
            replies[message.parent_id].append(message)
    for parent_id, items in replies.items():
        if parent_id in threads:
            threads[parent_id].replies = items
    return list(threads.values())


def answers_for(*, request: CooperationRequest, user, firm_ids) -> list[RequestAnswer]:
    """The "we can help" answers the reader may read: all of them for the requesting
    firm and the coordinator, their own for an answering firm, none for anyone else."""
    answers = RequestAnswer.objects.filter(request=request).select_related("member", "posted_by")
    if can_moderate(user) or request.member_id in firm_ids:
        pass
    else:
        answers = answers.filter(member_id__in=list(firm_ids))
    if not can_moderate(user):
        answers = answers.filter(Q(hidden_at__isnull=True) | Q(member_id__in=list(firm_ids)))
    return list(answers.order_by("created_at", "id"))


# --- Calls and tenders ----------------------------------------------------------------


@dataclass
class CallFirm:
    participation: CallParticipation
    partners: list[str]


@dataclass
class CallPanel:
    partnered: list[CallFirm]  # firms that teamed up through a matched request about the call
    seeking: list[CallParticipation]  # firms that said they look for partners
    requests: list[CooperationRequest]  # open requests about the call
    mine: dict[int, CallParticipation]  # the reader's firms' own marks


def call_panel(*, call, firms: list[Member]) -> CallPanel:
    """What a call's page shows members, three queries. A firm's mark is its own
    business: others see it only when the firm looks for partners (its opt-in) or has
    teamed up with another firm through a request about the call (both agreed: one
    asked, the other answered and was chosen)."""
    participations = list(
        CallParticipation.objects.filter(call=call, member__status=Member.Status.ACTIVE)
        .select_related("member")
        .order_by("member__name")
    )
    partners: dict[int, set[str]] = defaultdict(set)
    matched = CooperationRequest.objects.filter(
        call=call, status=Status.MATCHED, hidden_at__isnull=True, matched_members__isnull=False
    )
    pairs = matched.values_list("member_id", "member__name", "matched_members__id", "matched_members__name")
    for author_id, author_name, partner_id, partner_name in pairs:
        partners[author_id].add(partner_name)
        partners[partner_id].add(author_name)
    requests = list(
        CooperationRequest.objects.filter(open_q(), call=call, hidden_at__isnull=True)
        .select_related("member")
        .order_by("-created_at", "-id")[:10]
    )
    firm_ids = {f.pk for f in firms}
    return CallPanel(
        partnered=[
            CallFirm(participation=p, partners=sorted(partners[p.member_id]))
            for p in participations
            if partners.get(p.member_id)
        ],
        seeking=[p for p in participations if p.seeks_partners and p.is_preparing],
        requests=requests,
        mine={p.member_id: p for p in participations if p.member_id in firm_ids},
    )


def call_board(call) -> list[CallParticipation]:
    """The coordinator's board of one call: every firm's mark, by status."""
    order = {status: index for index, status in enumerate(CallParticipation.ORDER)}
    rows = list(CallParticipation.objects.filter(call=call).select_related("member", "updated_by"))
    return sorted(rows, key=lambda p: (order.get(p.status, 99), p.member.name))


def reminder_due(*, now, days: int, shorter_days: int | None) -> QuerySet[CallParticipation]:
    """Firms still preparing an application whose call's deadline is at most ``days``
    ahead (and more than ``shorter_days``, which the next reminder covers)."""
    participations = CallParticipation.objects.filter(
        status__in=CallParticipation.PREPARING,
        member__status=Member.Status.ACTIVE,
        call__category__in=Post.CALL_CATEGORIES,
        call__published_at__lte=now,
        call__deadline__gt=now,
        call__deadline__lte=now + dt.timedelta(days=days),
    )
    if shorter_days is not None:
        participations = participations.filter(call__deadline__gt=now + dt.timedelta(days=shorter_days))
    return participations.select_related("call", "member").order_by("call__deadline", "pk")


def reminder_recipients(member_id: int):
    """Active users of the firm who did not turn deadline reminders off."""
    opted_out = CooperationPreference.objects.filter(call_reminders=False).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__member_id=member_id)
        .exclude(pk__in=opted_out)
        .order_by("pk")
    )


# --- Teams on production leads --------------------------------------------------------


def interested_firm_ids(lead) -> set[int]:
    return set(
        LeadResponse.objects.filter(
            lead=lead, status__in=LeadResponse.POSITIVE, member__status=Member.Status.ACTIVE
        ).values_list("member_id", flat=True)
    )


@dataclass
class LeadTeam:
    interested: set[int]  # firms interested in the lead
    opted_in: list[LeadTeamOptIn]  # of those, the ones that agreed to be shown

    @property
    def members(self) -> list[Member]:
        return [o.member for o in self.opted_in]

    def can_team_up(self, member_id: int) -> bool:
        return member_id in self.interested and len(self.interested) >= 2

    def has_joined(self, member_id: int) -> bool:
        return any(o.member_id == member_id for o in self.opted_in)

    def others(self, member_id: int) -> list[Member]:
        return [o.member for o in self.opted_in if o.member_id != member_id]


def lead_team(lead) -> LeadTeam:
    """The firms interested in the lead and those of them that opted in (two queries).
    A firm that withdrew its interest drops out of the team without losing its opt-in."""
    interested = interested_firm_ids(lead)
    opted_in = [
        o
        for o in LeadTeamOptIn.objects.filter(lead=lead).select_related("member").order_by("member__name")
        if o.member_id in interested
    ]
    return LeadTeam(interested=interested, opted_in=opted_in)


# --- Email recipients -----------------------------------------------------------------


def _preference_users(flag: str, default: bool):
    users = get_user_model().objects.filter(is_active=True)
    if default:
        return users.exclude(pk__in=CooperationPreference.objects.filter(**{flag: False}).values("user_id"))
    return users.filter(pk__in=CooperationPreference.objects.filter(**{flag: True}).values("user_id"))


def alert_recipients(request: CooperationRequest) -> list[tuple]:
    """(user, firm) for the instant alert of a new request: users who chose instant
    alerts, of active firms (not the requesting one) offering a service it names."""
    category_ids = list(request.services.values_list("pk", flat=True))
    if not category_ids:
        return []
    offering = MemberService.objects.filter(Q(category_id__in=category_ids) | Q(category__parent_id__in=category_ids))
    memberships = (
        Membership.objects.filter(
            member__status=Member.Status.ACTIVE,
            member_id__in=offering.values("member_id"),
            user__in=_preference_users("instant_request_alerts", default=False),
        )
        .exclude(member_id=request.member_id)
        .select_related("user", "member")
        .order_by("user_id", "member__name")
    )
    seen, pairs = set(), []
    for membership in memberships:
        if membership.user_id not in seen:  # one email per person, naming their first matching firm
            seen.add(membership.user_id)
            pairs.append((membership.user, membership.member))
    return pairs


def _still_member(users):
    return users.filter(memberships__member__status=Member.Status.ACTIVE).distinct()


def reply_recipients(*, request: CooperationRequest, exclude_user_id, thread_of: RequestMessage | None = None):
    """Who hears of a new question or reply: the request's author and followers, and
    for a reply everyone who wrote in that thread; never the writer, and only users
    who kept these notifications on and still belong to an active firm."""
    ids = set(RequestFollow.objects.filter(request=request).values_list("user_id", flat=True))
    if request.posted_by_id:
        ids.add(request.posted_by_id)
    if thread_of is not None:
        ids.update(
            RequestMessage.objects.filter(
                Q(pk=thread_of.pk) | Q(parent=thread_of), written_by__isnull=False
            ).values_list("written_by_id", flat=True)
        )
    ids.discard(exclude_user_id)
    users = _preference_users("reply_notifications", default=True).filter(pk__in=ids)
    return list(_still_member(users).order_by("pk"))


def answer_recipients(*, request: CooperationRequest, exclude_user_id):
    """Who hears of a "we can help": the request's author, or when the author's account
    is gone, the requesting firm's users."""
    if request.posted_by_id:
        users = get_user_model().objects.filter(pk=request.posted_by_id)
    else:
        users = get_user_model().objects.filter(memberships__member_id=request.member_id)
    users = users.filter(pk__in=_preference_users("reply_notifications", default=True)).exclude(pk=exclude_user_id)
    return list(_still_member(users).order_by("pk"))


def outcome_recipients(*, request: CooperationRequest, exclude_user_id):
    """Who hears that a request was matched or closed: the followers and the answering
    firms' users who answered it."""
    ids = set(RequestFollow.objects.filter(request=request).values_list("user_id", flat=True))
    ids.update(
        RequestAnswer.objects.filter(request=request, posted_by__isnull=False).values_list("posted_by_id", flat=True)
    )
    ids.discard(exclude_user_id)
    users = _preference_users("reply_notifications", default=True).filter(pk__in=ids)
    return list(_still_member(users).order_by("pk"))


def preference_for(user) -> CooperationPreference:
    try:
        return user.cooperation_preference
    except CooperationPreference.DoesNotExist:
        return CooperationPreference(user=user)


# --- Digest ---------------------------------------------------------------------------


def posted_between(start, end) -> QuerySet[CooperationRequest]:
    """Shown requests of active firms posted in [start, end) and still open, newest
    first, with their services: the cooperation section of the digest."""
    return (
        CooperationRequest.objects.filter(
            open_q(),
            hidden_at__isnull=True,
            member__status=Member.Status.ACTIVE,
            created_at__gte=start,
            created_at__lt=end,
        )
        .select_related("member")
        .prefetch_related(Prefetch("services"))
        .order_by("-created_at", "-id")
    )
