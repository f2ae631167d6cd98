"""Writes of the productions area: publishing leads (and alerting the matching firms
through the lead router), status changes, firms' responses, the shortlist for the
producer, production inquiries and their conversion into draft leads.

Every email goes through ``core.emails.queue_email`` (a Celery task after commit).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from accounts.models import Membership
from core.emails import queue_email, queue_emails
from members.models import Member

from .models import LeadResponse, ProductionInquiry, ProductionLead
from .selectors import alert_memberships

ANSWER_SALT = "productions.lead-answer"
ANSWER_MAX_AGE = timedelta(days=30)
# The one-click answers offered in the lead alert email.
EMAIL_ANSWERS = (
    LeadResponse.Status.INTERESTED,
    LeadResponse.Status.NOT_AVAILABLE,
    LeadResponse.Status.NEED_INFO,
)
# Stages only the office records; a firm's "Interested" does not move it back from them.
LATER_STAGES = (LeadResponse.Status.IN_TALKS, LeadResponse.Status.CONTRACTED)


class InvalidAnswer(Exception):
    """A one-click answer link that is forged, expired, or no longer applies."""


def _absolute(path_name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(path_name, kwargs=kwargs)


# --- Status and publication ------------------------------------------------------------


@transaction.atomic
def lead_set_status(*, lead: ProductionLead, status: str, user=None) -> ProductionLead:
    """Move a lead to a status; the model keeps the date in its history."""
    if lead.status != status:
        lead.status = status
        lead._changed_by = user
        lead.save(update_fields=["status", "updated_at"])
    return lead


@transaction.atomic
def lead_publish(*, lead: ProductionLead, user) -> int:
    """Publish a draft lead to members and alert the matching firms' users at once.

    Returns how many alert emails were queued. Publishing twice does nothing the
    second time, so nobody is alerted twice.
    """
    lead = ProductionLead.objects.select_for_update().get(pk=lead.pk)
    if lead.published_at is not None:
        return 0
    lead.published_at = timezone.now()
    lead._changed_by = user
    lead.save(update_fields=["published_at", "updated_at"])
    return route_lead(lead=lead)


def alert_recipients(*, lead: ProductionLead):
    """(user, member) pairs to alert (selectors.alert_memberships: the same firms and
    users the publish confirmation counts)."""
    return [(m.user, m.member) for m in alert_memberships(lead=lead).select_related("user", "member")]


def route_lead(*, lead: ProductionLead) -> int:
    """The lead router: one email per matching member user, with three signed
    one-click answers for their firm."""
    needed = list(lead.services_needed.all())  # once, not once per recipient
    alerts = []
    for user, member in alert_recipients(lead=lead):
        language = user.preferred_language or settings.LANGUAGE_CODE
        answers = [
            {
                "status": answer,
                "label": _answer_label(answer, language),
                "url": _absolute("productions:answer", language, token=answer_token(lead, member, user, answer)),
            }
            for answer in EMAIL_ANSWERS
        ]
        with translation.override(language):
            alerts.append(
                {
                    "to": [user.email],
                    "template": "productions/emails/lead_alert",
                    "context": {
                        "lead": lead,
                        "member_name": member.name,
                        "user_name": user.get_short_name(),
                        "lead_url": _absolute("productions:detail", language, pk=lead.pk),
                        "answers": answers,
                        "services": [c.name for c in needed],
                        "preferences_url": _absolute("productions:alerts", language),
                    },
                    "language": language,
                }
            )
    # One INSERT for all the alerts' outbox rows, however many firms match.
    return len(queue_emails(alerts))


def _answer_label(answer: str, language: str) -> str:
    with translation.override(language):
        return str(LeadResponse.Status(answer).label)


# --- One-click answers -----------------------------------------------------------------


def answer_token(lead, member, user, answer: str) -> str:
    return signing.dumps({"l": lead.pk, "m": member.pk, "u": user.pk, "a": str(answer)}, salt=ANSWER_SALT)


def read_answer_token(token: str) -> dict:
    """The lead, firm, user and answer a token stands for, checked again now: the
    user must still belong to the active firm and the lead must still be published."""

    try:
        data = signing.loads(token, salt=ANSWER_SALT, max_age=ANSWER_MAX_AGE)
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise InvalidAnswer(str(exc)) from exc
    if data.get("a") not in EMAIL_ANSWERS:
        raise InvalidAnswer("unknown answer")
    membership = (
        Membership.objects.filter(
            user_id=data["u"], member_id=data["m"], member__status=Member.Status.ACTIVE, user__is_active=True
        )
        .select_related("user", "member")
        .first()
    )
    lead = ProductionLead.objects.filter(pk=data["l"], published_at__isnull=False).first()
    if membership is None or lead is None:
        raise InvalidAnswer("no longer applies")
    return {"lead": lead, "member": membership.member, "user": membership.user, "answer": data["a"]}


# --- Responses -------------------------------------------------------------------------


@transaction.atomic
def lead_respond(
    *, lead: ProductionLead, member, user, status: str, note: str | None = None, channel=LeadResponse.Channel.SITE
) -> tuple[LeadResponse, bool]:
    """Record a firm's answer: one row per (lead, firm), created or updated.

    Idempotent: answering the same twice (a double submit, two clicks on the email
    link) leaves one row. The coordinator is emailed when a firm newly becomes
    interested. Returns (response, became_interested).
    """
    try:
        with transaction.atomic():
            response, created = LeadResponse.objects.select_for_update().get_or_create(
                lead=lead,
                member=member,
                defaults={"user": user, "status": status, "note": note or "", "channel": channel},
            )
    except IntegrityError:  # a concurrent first answer won the race
        response, created = LeadResponse.objects.select_for_update().get(lead=lead, member=member), False
    was_positive = False if created else response.is_positive
    # "Interested" (the site's button, the email's link) never undoes a later stage the
    # office recorded: a firm in talks or contracted that updates its note stays so.
    if not created and status == LeadResponse.Status.INTERESTED and response.status in LATER_STAGES:
        status, channel = response.status, response.channel
    status_changed = not created and response.status != status
    if not created:
        response.user = user
        response.status = status
        response.channel = channel
        if note is not None:
            response.note = note
        response.save()
    became_interested = response.is_positive and not was_positive
    # The office acts on new interest and on questions; other answers wait for the board.
    if became_interested or (response.status == LeadResponse.Status.NEED_INFO and (created or status_changed)):
        _notify_coordinator_of_interest(response)
    return response, became_interested


class AnswerLocked(Exception):
    """The office recorded a contract with the firm: only the office changes that."""


@transaction.atomic
def lead_withdraw(*, lead: ProductionLead, member, user=None) -> bool:
    """The firm takes back its answer; withdrawing twice is harmless. A contract the
    office recorded stays (the showcase lists the contracted firms). The office is told
    of a withdrawn answer (it may have counted on the firm); not of a second click."""
    answers = LeadResponse.objects.select_for_update().filter(lead=lead, member=member)
    if answers.filter(status=LeadResponse.Status.CONTRACTED).exists():
        raise AnswerLocked
    previous = answers.first()
    if previous is None:
        return False
    status = previous.status
    answers.delete()
    _notify_coordinator_of_withdrawal(lead=lead, member=member, user=user, status=status)
    return True


def _notify_coordinator_of_interest(response: LeadResponse) -> None:
    language = settings.LANGUAGE_CODE
    queue_email(
        to=[settings.COORDINATOR_EMAIL],
        template="productions/emails/interest_notification",
        context={
            "lead": response.lead,
            "member_name": response.member.name,
            "user_name": str(response.user) if response.user else "",
            "status": _answer_label(response.status, language),
            "note": response.note,
            "board_url": settings.SITE_URL
            + reverse("admin:productions_productionlead_responses", args=[response.lead_id]),
        },
        language=language,
    )


def _notify_coordinator_of_withdrawal(*, lead: ProductionLead, member, user, status: str) -> None:
    language = settings.LANGUAGE_CODE
    queue_email(
        to=[settings.COORDINATOR_EMAIL],
        template="productions/emails/withdrawal_notification",
        context={
            "lead": lead,
            "member_name": member.name,
            "user_name": str(user) if user else "",
            "status": _answer_label(status, language),
            "board_url": settings.SITE_URL + reverse("admin:productions_productionlead_responses", args=[lead.pk]),
        },
        language=language,
    )


# --- Shortlist -------------------------------------------------------------------------


class NoShortlist(Exception):
    pass


@transaction.atomic
def lead_send_shortlist(
    *, lead: ProductionLead, user, to: str | None = None, language: str = "en", members=None, team_name=None
) -> list:
    """Email the producer the public profiles of the firms interested in the lead, in
    one message, and record on the lead when, to whom and which firms.

    ``members`` narrows the shortlist to those firms, offered as one team (a joint
    offer); ``team_name`` is how the email names the team."""

    recipient = to or lead.contact_email or (lead.inquiry.email if lead.inquiry_id else "")
    if not recipient:
        raise NoShortlist("The lead has no producer email.")
    firms = Member.objects.filter(
        lead_responses__lead=lead,
        lead_responses__status__in=LeadResponse.POSITIVE,
        status=Member.Status.ACTIVE,
        is_public=True,
    )
    if members is not None:
        firms = firms.filter(pk__in=[m.pk for m in members])
    firms = list(firms.prefetch_related("services__category").order_by("name").distinct())
    if not firms:
        raise NoShortlist("No firm has said it is interested yet.")
    with translation.override(language):
        profiles = [
            {
                "name": f.name,
                "city": f.city,
                "tagline": f.tagline,
                "email": f.email,
                "phone": f.phone,
                "website": f.website,
                "services": [s.category.name for s in f.services.all()],
                "url": _profile_url(f, language),
            }
            for f in firms
        ]
        queue_email(
            to=[recipient],
            reply_to=[settings.COORDINATOR_EMAIL],
            template="productions/emails/shortlist",
            context={
                "lead_title": lead.title,
                "firms": profiles,
                "contact_name": lead.contact_name,
                "team": members is not None,
                "team_name": team_name or "",
            },
            language=language,
        )
    lead.shortlist_sent_at = timezone.now()
    lead.shortlist_sent_to = recipient
    lead.save(update_fields=["shortlist_sent_at", "shortlist_sent_to", "updated_at"])
    lead.shortlist_members.set(firms)
    return firms


def _profile_url(member, language: str) -> str:

    try:
        return _absolute("members:detail", language, slug=member.slug)
    except NoReverseMatch:  # the catalogue's profile page is another area's; be tolerant
        return member.website or ""


# --- Production inquiries --------------------------------------------------------------


@transaction.atomic
def inquiry_submit(*, form, language: str) -> ProductionInquiry:
    """Save a producer's inquiry, acknowledge it in the page's language and tell the
    coordinator. (The view lets the same inquiry posted twice through once.)"""
    inquiry = form.save(commit=False)
    inquiry.language = language
    inquiry.save()
    form.save_m2m()
    with translation.override(language):
        services = [c.name for c in inquiry.services_needed.all()]
    queue_email(
        to=[inquiry.email],
        reply_to=[settings.COORDINATOR_EMAIL],
        template="productions/emails/inquiry_acknowledgement",
        context={"inquiry": inquiry, "services": services},
        language=language,
    )
    with translation.override(settings.LANGUAGE_CODE):  # the coordinator's email's language
        library_locations = [
            {"name": location.name, "url": settings.SITE_URL + location.get_absolute_url()}
            for location in inquiry.library_locations.order_by("name", "id")
        ]
    queue_email(
        to=[settings.COORDINATOR_EMAIL],
        reply_to=[inquiry.email],
        template="productions/emails/inquiry_notification",
        context={
            "inquiry": inquiry,
            "services": [c.name for c in inquiry.services_needed.all()],
            "library_locations": library_locations,
            "admin_url": settings.SITE_URL + reverse("admin:productions_productioninquiry_change", args=[inquiry.pk]),
        },
        language=settings.LANGUAGE_CODE,
    )
    return inquiry


@transaction.atomic
def inquiry_convert_to_lead(*, inquiry: ProductionInquiry, user) -> ProductionLead:
    """Turn an inquiry into a draft lead with its fields carried over (once: a second
    call returns the lead made the first time)."""
    inquiry = ProductionInquiry.objects.select_for_update().get(pk=inquiry.pk)
    existing = ProductionLead.objects.filter(inquiry=inquiry).first()
    if existing:
        return existing
    lead = ProductionLead(
        title_pl=inquiry.project_title,
        title_en=inquiry.project_title,
        kind=inquiry.kind,
        producer_company=inquiry.company,
        producer_country=inquiry.country,
        status=ProductionLead.Status.CONFIRMED,
        shooting_start=inquiry.shooting_start,
        shooting_end=inquiry.shooting_end,
        locations=inquiry.locations,
        budget_band=inquiry.budget_band,
        source=f"Production inquiry #{inquiry.pk}",
        contact_name=inquiry.producer_name,
        contact_email=inquiry.email,
        inquiry=inquiry,
        created_by=user,
    )
    setattr(lead, f"description_{inquiry.language}", inquiry.message)
    lead._changed_by = user
    lead.save()
    lead.services_needed.set(inquiry.services_needed.all())
    lead.library_locations.set(inquiry.library_locations.all())
    return lead
