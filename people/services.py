"""Writes of the people area: availability periods, holds pencilled from production
leads, a person's own profile, and the feeds of resources and locations (their
``OwnerCalendar``: the busy feed's key, the outside busy feed to import).

Holds: a firm that answered a lead with interest may pencil the lead's shooting window
on its people and resources. A hold lasts ``HOLD_DAYS`` unless confirmed (then it is a
booking, and the database refuses it if it collides with another booking); it is
released when the lead is cancelled or the firm's answer turns negative
(``people.signals``), and expired holds are deleted by a periodic task. An expired hold
stops counting as busy at once, before that task runs (``selectors.busy_q``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.access import active_member_ids
from core.emails import queue_email
from locations.models import Location
from members.models import Resource
from productions.models import LeadResponse, ProductionLead

from .models import OwnerCalendar, Period, Person, PersonInquiry, new_feed_token

HOLD_DAYS = 14

OVERLAP = _("These days overlap another booking or availability mark. Change the dates or remove the other entry.")


def period_add(
    *,
    person: Person | None = None,
    resource: Resource | None = None,
    location: Location | None = None,
    kind: str,
    start,
    end,
    note: str = "",
) -> Period:
    """An owner's own entry (a person, a firm's resource or a managed location); a hold
    they pencil themselves expires like a lead's."""
    if end < start:
        raise ValidationError({"end": _("The last day cannot be before the first day.")})
    expires_at = timezone.now() + datetime.timedelta(days=HOLD_DAYS) if kind == Period.Kind.HOLD else None
    period = Period(
        person=person,
        resource=resource,
        location=location,
        kind=kind,
        start=start,
        end=end,
        note=note,
        expires_at=expires_at,
    )
    try:
        with transaction.atomic():
            period.save()
    except IntegrityError as error:
        if "no_overlap" in str(error):
            raise ValidationError(OVERLAP) from None
        raise
    return period


def period_delete(*, period: Period) -> None:
    period.delete()


# --- The feeds of a resource or a location -----------------------------------------------


def owner_calendar_ensure(*, resource: Resource | None = None, location: Location | None = None) -> OwnerCalendar:
    """The owner's feeds row, made on first need (owners made after the feeds were
    introduced have none until their calendar is opened)."""
    calendar, _created = OwnerCalendar.objects.get_or_create(resource=resource, location=location)
    return calendar


def owner_import_set(*, calendar: OwnerCalendar, url: str, language: str) -> OwnerCalendar:
    """Set or clear the outside busy feed. Clearing it removes the days it brought and its
    status: nothing would keep them current any more. The caller queues the import."""
    with transaction.atomic():
        if url != calendar.import_url or not url:
            calendar.import_status, calendar.import_checked_at = "", None
        calendar.import_url, calendar.import_language = url, language
        calendar.save(update_fields=["import_url", "import_language", "import_status", "import_checked_at"])
        if not url:
            Period.objects.filter(**{calendar.owner_field: calendar.owner}, source=Period.Source.FEED).delete()
    return calendar


def owner_feed_key_regenerate(*, calendar: OwnerCalendar) -> OwnerCalendar:
    """A new secret key for the owner's busy feed; the old address stops working at once."""
    calendar.feed_token = new_feed_token()
    calendar.save(update_fields=["feed_token"])
    return calendar


def _may_pencil(user, lead: ProductionLead, member_id: int) -> bool:
    if member_id not in active_member_ids(user):
        return False
    return LeadResponse.objects.filter(lead=lead, member_id=member_id, status__in=LeadResponse.POSITIVE).exists()


@transaction.atomic
def holds_place(
    *, lead: ProductionLead, member_id: int, user, people: list[Person] = (), resources: list[Resource] = ()
) -> list[Period]:
    """Pencil the lead's window on these people and resources of the firm ``member_id``.

    Pencilling again renews a hold (same lead, same person): its window follows the lead
    and it lasts ``HOLD_DAYS`` from now.
    """
    if not _may_pencil(user, lead, member_id):
        raise PermissionDenied("only a firm interested in the lead pencils its window")
    if not (lead.shooting_start and lead.shooting_end) or lead.status == ProductionLead.Status.CANCELLED:
        raise ValidationError(_("This lead has no shooting window to pencil."))
    if any(member_id not in {f.pk for f in person.firms.all()} for person in people):
        raise PermissionDenied("a firm pencils only the people who work with it")
    if any(resource.member_id != member_id for resource in resources):
        raise PermissionDenied("a firm pencils only its own resources")
    expires_at = timezone.now() + datetime.timedelta(days=HOLD_DAYS)
    values = {
        "kind": Period.Kind.HOLD,
        "source": Period.Source.LEAD,
        "start": lead.shooting_start,
        "end": lead.shooting_end,
        "expires_at": expires_at,
        "member_id": member_id,
    }
    holds = []
    for person in people:
        hold, _created = Period.objects.update_or_create(lead=lead, person=person, defaults=values)
        holds.append(hold)
    for resource in resources:
        hold, _created = Period.objects.update_or_create(lead=lead, resource=resource, defaults=values)
        holds.append(hold)
    return holds


def hold_confirm(*, hold: Period, user) -> Period:
    """The hold becomes a booking (no expiry); refused if it collides with another booking."""
    if hold.kind != Period.Kind.HOLD or hold.member_id not in active_member_ids(user):
        raise PermissionDenied("only the firm that pencilled a hold confirms it")
    hold.kind, hold.expires_at = Period.Kind.BOOKED, None
    try:
        with transaction.atomic():
            hold.save(update_fields=["kind", "expires_at"])
    except IntegrityError as error:
        if "no_overlap" in str(error):
            hold.refresh_from_db()
            raise ValidationError(OVERLAP) from None
        raise
    return hold


def holds_release(*, lead=None, member=None, lead_id=None, member_id=None) -> int:
    """Remove the holds (never the confirmed bookings) of a lead, or of one firm on it."""
    holds = Period.objects.filter(kind=Period.Kind.HOLD, lead_id=lead.pk if lead else lead_id)
    if member is not None or member_id is not None:
        holds = holds.filter(member_id=member.pk if member else member_id)
    deleted, _rows = holds.delete()
    return deleted


def holds_expire(*, now=None) -> int:
    """Delete holds whose time ran out (they already count as free)."""
    deleted, _rows = Period.objects.filter(kind=Period.Kind.HOLD, expires_at__lte=now or timezone.now()).delete()
    return deleted


# --- Invitations: the coordinator invites a person to keep their own profile -------------

INVITATION_SALT = "people.invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600


def person_invite(*, person: Person, invited_by=None, language: str | None = None) -> str:
    """Email the person a signed link; following it while logged in links the profile to
    that user. It works until someone has claimed the profile (single use)."""
    token = signing.dumps({"person": person.pk, "email": person.email}, salt=INVITATION_SALT)
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = settings.SITE_URL + reverse("people:claim", kwargs={"token": token})
    queue_email(
        to=[person.email],
        template="people/emails/invitation",
        context={"person_name": person.name, "url": url},
        language=language,
    )
    return token


class InvalidInvitation(Exception):
    pass


@transaction.atomic
def person_claim(*, token: str, user) -> Person:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature as error:
        raise InvalidInvitation("bad or expired link") from error
    person = Person.objects.select_for_update().filter(pk=data.get("person")).first()
    if person is None or person.user_id is not None or person.email.lower() != str(data.get("email", "")).lower():
        raise InvalidInvitation("already used or no longer valid")
    if Person.objects.filter(user=user).exists():
        raise InvalidInvitation("this user keeps another profile")
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return person


# --- Inquiries: a producer's shortlist reaches people too --------------------------------


def inquiry_send_to_people(*, inquiry, people: list[Person]) -> None:
    """Email each person the producer's inquiry (to their private address: it is never
    shown, only used), in the language of their account or the site's default."""
    for person in people:
        PersonInquiry.objects.get_or_create(inquiry=inquiry, person=person)
        if not person.email:
            continue
        language = person.user.preferred_language if person.user_id else settings.LANGUAGE_CODE
        queue_email(
            to=[person.email],
            template="people/emails/inquiry",
            context={"inquiry": inquiry, "person": person},
            language=language,
            reply_to=[inquiry.email],
        )
