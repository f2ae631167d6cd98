"""Writes of the cooperation area: requests and their answers, questions and replies,
follows, reports and moderation; the firms' marks on calls and tenders and their
deadline reminders; teams on production leads and the joint offer; email settings.

Every email goes through ``core.emails.queue_email`` (``emails.send``), after the
transaction commits. The instant alert of a new request is computed by a task
(``tasks.alert_new_request``) so posting stays quick whatever the cluster's size.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.emails import queue_email
from members.models import Member
from productions import services as productions_services

from . import emails, selectors, tasks
from .models import (
    CallParticipation,
    CallReminder,
    CooperationPreference,
    CooperationRequest,
    LeadTeamOptIn,
    RequestAnswer,
    RequestFollow,
    RequestMessage,
    RequestReport,
)

logger = logging.getLogger(__name__)
Status = CooperationRequest.Status

# Deadline reminders, most urgent first: (kind, days before the deadline).
REMINDERS = [(CallReminder.Kind.THREE_DAYS, 3), (CallReminder.Kind.TWO_WEEKS, 14)]


class NotAllowed(Exception):
    """The action does not apply to this request (e.g. a firm answering its own)."""


# --- Requests -------------------------------------------------------------------------


def _set_texts(request: CooperationRequest, texts: dict[str, dict[str, str]]) -> None:
    """``texts``: language -> {"title": …, "body": …}; a language left empty is cleared."""
    for code, _label in settings.LANGUAGES:
        values = texts.get(code) or {}
        setattr(request, f"title_{code}", values.get("title") or None)
        setattr(request, f"body_{code}", values.get("body") or None)


@transaction.atomic
def request_create(*, member: Member, user, fields: dict, texts: dict, services, language: str) -> CooperationRequest:
    """Post a request for ``member`` (a firm the caller checked the user belongs to)."""
    request = CooperationRequest(member=member, posted_by=user, language=language, **fields)
    _set_texts(request, texts)
    request.save()
    request.services.set(services)
    RequestFollow.objects.get_or_create(request=request, user=user)
    transaction.on_commit(lambda: tasks.alert_new_request.delay(request_id=request.pk))
    return request


@transaction.atomic
def request_update(*, request: CooperationRequest, fields: dict, texts: dict, services, language: str):
    for name, value in fields.items():
        setattr(request, name, value)
    request.language = language
    _set_texts(request, texts)
    request.save()
    request.services.set(services)
    return request


@transaction.atomic
def request_set_status(*, request: CooperationRequest, user, status: str, matched_member_ids=()) -> CooperationRequest:
    """Mark a request matched (with the answering firms it was matched with), closed,
    or open again. A match on a request about a call records the requesting firm and
    its new partners as applying for it (a firm further on stays where it is)."""
    request = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    was = request.status
    request.status = status
    request.closed_at = None if status == Status.OPEN else timezone.now()
    request.save(update_fields=["status", "closed_at", "updated_at"])
    partners: list[Member] = []
    if status == Status.MATCHED:
        answering = set(request.answers.filter(hidden_at__isnull=True).values_list("member_id", flat=True))
        partners = list(Member.objects.filter(pk__in=[i for i in matched_member_ids if i in answering]))
        request.matched_members.set(partners)
        if request.call_id and partners:
            for firm in [request.member, *partners]:
                _advance(call_id=request.call_id, member=firm, user=user, to=CallParticipation.Status.APPLYING)
    else:
        request.matched_members.clear()
    if status != was and status != Status.OPEN:
        for recipient in selectors.outcome_recipients(request=request, exclude_user_id=user.pk):
            emails.send(
                user=recipient,
                kind="replies",
                template="cooperation/emails/request_outcome",
                context={
                    "request": request,
                    "status": status,
                    "partners": [p.name for p in partners],
                    "request_url": emails.absolute("cooperation:detail", emails.language_of(recipient), pk=request.pk),
                },
            )
    return request


def _advance(*, call_id: int, member: Member, user, to: str) -> CallParticipation:
    participation, created = CallParticipation.objects.select_for_update().get_or_create(
        call_id=call_id, member=member, defaults={"status": to, "updated_by": user}
    )
    order = CallParticipation.ORDER
    if not created and order.index(participation.status) < order.index(to):
        participation.status = to
        participation.updated_by = user
        participation.save(update_fields=["status", "updated_by", "updated_at"])
    return participation


@transaction.atomic
def follow(*, request: CooperationRequest, user) -> None:
    RequestFollow.objects.get_or_create(request=request, user=user)


@transaction.atomic
def unfollow(*, request: CooperationRequest, user) -> None:
    RequestFollow.objects.filter(request=request, user=user).delete()


# --- Answers, questions and replies ---------------------------------------------------


@transaction.atomic
def answer_submit(*, request: CooperationRequest, member: Member, user, note: str) -> tuple[RequestAnswer, bool]:
    """The firm's "we can help": one per firm and request, a second one updates the
    note. The requesting firm is told at once of a new answer."""
    if member.pk == request.member_id:
        raise NotAllowed("a firm does not answer its own request")
    if not request.is_open:
        raise NotAllowed("the request is no longer open")
    try:
        with transaction.atomic():
            answer, created = RequestAnswer.objects.get_or_create(
                request=request, member=member, defaults={"posted_by": user, "note": note}
            )
    except IntegrityError:  # the same firm answered at the same moment
        answer, created = RequestAnswer.objects.get(request=request, member=member), False
    if not created:
        answer.note = note
        answer.posted_by = user
        answer.save(update_fields=["note", "posted_by", "updated_at"])
        return answer, False
    for recipient in selectors.answer_recipients(request=request, exclude_user_id=user.pk):
        emails.send(
            user=recipient,
            kind="replies",
            template="cooperation/emails/new_answer",
            context={
                "request": request,
                "firm_name": member.name,
                "note": note,
                "request_url": emails.absolute("cooperation:detail", emails.language_of(recipient), pk=request.pk),
            },
        )
    return answer, True


@transaction.atomic
def answer_withdraw(*, request: CooperationRequest, member: Member) -> bool:
    deleted, _ = RequestAnswer.objects.filter(request=request, member=member).delete()
    request.matched_members.remove(member)
    return bool(deleted)


@transaction.atomic
def message_post(
    *, request: CooperationRequest, user, member: Member | None, body: str, parent: RequestMessage | None = None
) -> RequestMessage:
    """A question (no ``parent``) or a reply; a reply to a reply joins its question's
    thread. The author, the followers and (for a reply) the thread's writers are told."""
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent
    if parent is not None and parent.request_id != request.pk:
        raise NotAllowed("the question belongs to another request")
    message = RequestMessage.objects.create(
        request=request,
        parent=parent,
        member=member,
        written_by=user,
        from_office=member is None and user.is_staff,
        body=body,
    )
    RequestFollow.objects.get_or_create(request=request, user=user)
    for recipient in selectors.reply_recipients(request=request, exclude_user_id=user.pk, thread_of=parent):
        language = emails.language_of(recipient)
        emails.send(
            user=recipient,
            kind="replies",
            template="cooperation/emails/new_message",
            context={
                "request": request,
                "message": message,
                "is_reply": parent is not None,
                "request_url": emails.absolute("cooperation:detail", language, pk=request.pk)
                + f"#message-{message.pk}",
            },
        )
    return message


# --- Reports and moderation -----------------------------------------------------------


@transaction.atomic
def report_submit(*, request: CooperationRequest, user, reason: str) -> tuple[RequestReport, bool]:
    """A member's report; the same member reporting again before the office dealt with
    it updates the reason. The cluster office is emailed about a new report."""
    report = RequestReport.objects.filter(request=request, reported_by=user, resolved=False).first()
    if report is not None:
        report.reason = reason
        report.save(update_fields=["reason"])
        return report, False
    report = RequestReport.objects.create(request=request, reported_by=user, reason=reason)
    queue_email(
        to=[settings.COORDINATOR_EMAIL],
        template="cooperation/emails/report_notification",
        context={
            "request": request,
            "reason": reason,
            "admin_url": settings.SITE_URL + reverse("admin:cooperation_requestreport_change", args=[report.pk]),
        },
        language=settings.LANGUAGE_CODE,
    )
    return report, True


def _authors(obj) -> list:
    """Who is told that their post or reply was hidden."""
    writer = getattr(obj, "posted_by", None) or getattr(obj, "written_by", None)
    if writer is not None and writer.is_active:
        return [writer]
    member_id = getattr(obj, "member_id", None)
    if member_id is None:
        return []
    return list(get_user_model().objects.filter(is_active=True, memberships__member_id=member_id))


def _request_of(obj) -> CooperationRequest:
    return obj if isinstance(obj, CooperationRequest) else obj.request


@transaction.atomic
def hide(*, obj, user, reason: str):
    """Hide a request, an answer or a message; its author learns why (at once, not in
    a digest). Hiding again only updates the reason."""
    first = obj.hidden_at is None
    obj.hidden_at = obj.hidden_at or timezone.now()
    obj.hidden_reason = reason
    obj.moderated_by = user
    obj.save(update_fields=["hidden_at", "hidden_reason", "moderated_by"])
    if first:
        request = _request_of(obj)
        for author in _authors(obj):
            language = emails.language_of(author)
            with translation.override(language):
                what = _what(obj)
            emails.send(
                user=author,
                kind="replies",
                template="cooperation/emails/hidden",
                context={
                    "request": request,
                    "what": what,
                    "reason": reason,
                    "office_email": settings.COORDINATOR_EMAIL,
                    "request_url": emails.absolute("cooperation:detail", language, pk=request.pk),
                },
            )
    if isinstance(obj, CooperationRequest):
        RequestReport.objects.filter(request=obj, resolved=False).update(resolved=True)
    return obj


def _what(obj) -> str:
    if isinstance(obj, CooperationRequest):
        return _("your request")
    if isinstance(obj, RequestAnswer):
        return _("your firm's answer")
    return _("your message")


@transaction.atomic
def restore(*, obj, user):
    obj.hidden_at = None
    obj.hidden_reason = ""
    obj.moderated_by = user
    obj.save(update_fields=["hidden_at", "hidden_reason", "moderated_by"])
    return obj


# --- Calls and tenders ----------------------------------------------------------------


@transaction.atomic
def call_mark(*, call, member: Member, user, status: str, seeks_partners: bool) -> CallParticipation:
    """Where the firm stands on the call; one row per (call, firm), changed in place."""
    participation, _created = CallParticipation.objects.update_or_create(
        call=call, member=member, defaults={"status": status, "seeks_partners": seeks_partners, "updated_by": user}
    )
    return participation


@transaction.atomic
def call_unmark(*, call, member: Member) -> bool:
    """The firm no longer follows the call: no mark, no more reminders."""
    deleted, _ = CallParticipation.objects.filter(call=call, member=member).delete()
    return bool(deleted)


def send_call_reminders(*, now: dt.datetime | None = None) -> int:
    """The deadline reminders due now, each exactly once per firm, call, kind and
    deadline (see ``CallReminder``). Returns how many reminders were claimed.

    Only firms still preparing (interested or applying) are reminded; one that marked
    "submitted", "won" or "lost", or removed its mark, is left out from then on. When
    both reminders are due (a firm that joined late), only the 3-day one is sent.
    """
    now = now or timezone.now()
    claimed = 0
    shorter = None
    for kind, days in REMINDERS:
        for participation in selectors.reminder_due(now=now, days=days, shorter_days=shorter):
            if _claim_and_send(participation=participation, kind=kind, now=now):
                claimed += 1
        shorter = days
    return claimed


@transaction.atomic
def _claim_and_send(*, participation: CallParticipation, kind: str, now: dt.datetime) -> bool:
    call, member = participation.call, participation.member
    try:
        with transaction.atomic():
            reminder = CallReminder.objects.create(
                call=call, member=member, kind=kind, deadline=call.deadline, sent_at=now
            )
    except IntegrityError:  # already sent (or being sent by a concurrent run)
        return False
    previous = (
        CallReminder.objects.filter(call=call, member=member, sent_at__lt=now)
        .exclude(deadline=call.deadline)
        .order_by("-sent_at")
        .values_list("deadline", flat=True)
        .first()
    )
    recipients = list(selectors.reminder_recipients(member.pk))
    for user in recipients:
        language = emails.language_of(user)
        emails.send(
            user=user,
            kind="reminders",
            template="cooperation/emails/call_reminder",
            context={
                "call_title": _in(language, lambda: call.title),
                "deadline": call.deadline,
                "previous_deadline": previous,
                "days_left": max(0, (call.deadline - now).days),
                "firm_name": member.name,
                "status": _in(language, participation.get_status_display),
                "call_url": emails.absolute("news:detail", language, slug=call.slug),
            },
        )
    reminder.recipients = len(recipients)
    reminder.save(update_fields=["recipients"])
    return True


def _in(language: str, value):
    with translation.override(language):
        return str(value())


# --- Teams on production leads --------------------------------------------------------


@transaction.atomic
def team_join(*, lead, member: Member, user) -> LeadTeamOptIn:
    team = selectors.lead_team(lead)
    if not team.can_team_up(member.pk):
        raise NotAllowed("teaming up needs the firm and at least one other firm interested")
    opt_in, _created = LeadTeamOptIn.objects.get_or_create(lead=lead, member=member, defaults={"user": user})
    return opt_in


@transaction.atomic
def team_leave(*, lead, member: Member) -> bool:
    deleted, _ = LeadTeamOptIn.objects.filter(lead=lead, member=member).delete()
    return bool(deleted)


class NoTeam(Exception):
    pass


def team_send_offer(*, lead, user, to: str, language: str, team_name: str = "") -> list[Member]:
    """The producer gets one joint offer from the firms that teamed up: the shortlist
    email of the productions area, limited to the team and naming it."""
    team = selectors.lead_team(lead)
    if len(team.opted_in) < 2:
        raise NoTeam("A joint offer needs at least two firms in the team.")
    try:
        return productions_services.lead_send_shortlist(
            lead=lead, user=user, to=to, language=language, members=team.members, team_name=team_name or None
        )
    except productions_services.NoShortlist as exc:
        raise NoTeam(str(exc)) from exc


# --- Email settings -------------------------------------------------------------------


@transaction.atomic
def preference_update(*, user, **flags) -> CooperationPreference:
    preference, _ = CooperationPreference.objects.update_or_create(user=user, defaults=flags)
    return preference


@transaction.atomic
def unsubscribe(*, user, kind: str) -> CooperationPreference:
    return preference_update(user=user, **{emails.FLAGS[kind]: False})


# --- Instant alerts -------------------------------------------------------------------


@transaction.atomic
def alert_new_request(*, request_id: int) -> int:
    """Email the users who chose instant alerts and whose firm offers a service the new
    request names, once (the claim on ``alerted_at``). A request hidden or closed in the
    meantime alerts nobody."""
    claimed = CooperationRequest.objects.filter(
        pk=request_id, hidden_at__isnull=True, status=Status.OPEN, alerted_at__isnull=True
    ).update(alerted_at=timezone.now())
    if not claimed:
        return 0
    request = CooperationRequest.objects.select_related("member").get(pk=request_id)
    services = list(request.services.all())
    sent = 0
    for user, firm in selectors.alert_recipients(request):
        language = emails.language_of(user)
        with translation.override(language):
            names = [c.name for c in services]
        emails.send(
            user=user,
            kind="alerts",
            template="cooperation/emails/request_alert",
            context={
                "request": request,
                "firm_name": firm.name,
                "services": names,
                "request_url": emails.absolute("cooperation:detail", language, pk=request.pk),
            },
        )
        sent += 1
    return sent
