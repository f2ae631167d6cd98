"""Writes of the events area: registrations and their seats, attendance, feed tokens.

Every change to who holds a seat locks the event row first (``select_for_update``
inside one transaction), so two people taking the last seat at the same moment are
served one after the other: the first is confirmed, the second waitlisted. Emails are
queued through ``core.emails`` and leave only after the transaction commits.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import is_cluster_member

from . import emails
from .models import CalendarFeedToken, Event, Registration, new_feed_token
from .tokens import registration_token

Status = Registration.Status
GUEST_CONFIRMATION_HOURS = 48


class RegistrationError(Exception):
    """A registration the rules do not allow; the message is for the person."""


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _has_free_seat(event: Event) -> bool:
    if event.capacity is None:
        return True
    return event.registrations.filter(status=Status.CONFIRMED).count() < event.capacity


def _check_open(event: Event, now) -> None:
    if not event.registration_is_open(now):
        raise RegistrationError(_("Registration for this event is closed."))


def _allocate_seat(registration: Registration, event: Event, now) -> None:
    """Confirm or waitlist; the caller holds the lock on the event row."""
    if _has_free_seat(event):
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.status = Status.WAITLISTED
        registration.waitlisted_at = now
    registration.save(update_fields=["status", "confirmed_at", "waitlisted_at"])
    emails.queue_registration_outcome(registration)


@transaction.atomic
def register_user(*, event: Event, user, now=None) -> Registration:
    """One click: a logged-in person takes a seat or a place on the waiting list."""
    now = now or timezone.now()
    event = _lock_event(event)
    if not event.is_public and not is_cluster_member(user):
        raise RegistrationError(_("This event is for cluster members only."))
    _check_open(event, now)
    email = user.email.lower()
    existing = event.registrations.filter(status__in=Registration.ACTIVE_STATUSES, email=email).first()
    if existing:
        # Registered as a guest before: the login proves the address, so the registration
        # becomes the user's (their calendar feed and the event list count it).
        if existing.user_id is None:
            existing.user = user
            existing.save(update_fields=["user"])
        if existing.status == Status.PENDING:
            _allocate_seat(existing, event, now)
        return existing
    registration = Registration.objects.create(
        event=event,
        user=user,
        name=user.get_full_name()[: Registration._meta.get_field("name").max_length],  # the email when nameless
        email=email,
        language=user.preferred_language,
        created_at=now,
    )
    _allocate_seat(registration, event, now)
    return registration


@transaction.atomic
def register_guest(*, event: Event, name: str, email: str, language: str, now=None) -> Registration:
    """A guest without an account: pending until they follow the emailed link."""
    now = now or timezone.now()
    event = _lock_event(event)
    if not event.is_public:
        raise RegistrationError(_("This event is for cluster members only."))
    _check_open(event, now)
    email = email.strip().lower()
    existing = event.registrations.filter(status__in=Registration.ACTIVE_STATUSES, email=email).first()
    if existing:
        if existing.status == Status.PENDING:
            emails.queue_guest_confirmation(existing, registration_token(existing, "confirm"))
        # Otherwise say nothing new: the page must not reveal who else registered.
        return existing
    registration = Registration.objects.create(
        event=event, name=name.strip(), email=email, language=language, status=Status.PENDING, created_at=now
    )
    emails.queue_guest_confirmation(registration, registration_token(registration, "confirm"))
    return registration


@transaction.atomic
def confirm_guest(*, registration: Registration, now=None) -> Registration:
    now = now or timezone.now()
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.PENDING:
        return registration
    if event.is_past(now):
        raise RegistrationError(_("This event is over."))
    _allocate_seat(registration, event, now)
    return registration


def _promote_waitlisted(event: Event, now) -> list[Registration]:
    """First come, first served by the time each person joined the list: a guest who
    filled in the form early but confirmed the address late stands behind everyone who
    joined in between. A place given in the admin (no ``waitlisted_at``) counts from the
    registration."""
    promoted = []
    queue = event.registrations.filter(status=Status.WAITLISTED).order_by(Coalesce("waitlisted_at", "created_at"), "pk")
    while _has_free_seat(event):
        candidate = queue.first()
        if candidate is None:
            break
        candidate.status = Status.CONFIRMED
        candidate.confirmed_at = now
        candidate.save(update_fields=["status", "confirmed_at"])
        emails.queue_promotion(candidate)
        promoted.append(candidate)
    return promoted


@transaction.atomic
def cancel_registration(*, registration: Registration, now=None, tell_office: bool = False) -> list[Registration]:
    """Cancel; a freed seat goes to the first person on the waiting list, who is told by
    email. Returns the promoted registrations.

    ``tell_office``: the person cancelled it themselves (the site or a guest's link), so
    the office hears of it; a coordinator cancelling in the admin does not email itself."""
    now = now or timezone.now()
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        return []
    was_waitlisted = registration.status == Status.WAITLISTED
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    promoted = [] if event.is_past(now) else _promote_waitlisted(event, now)
    if tell_office:
        emails.queue_office_cancellation(registration, was_waitlisted=was_waitlisted, promoted=promoted)
    return promoted


@transaction.atomic
def fill_free_seats(*, event: Event, now=None) -> list[Registration]:
    """After the coordinator raises the capacity or cancels someone in the admin, the
    waiting list moves up (and is told by email)."""
    now = now or timezone.now()
    event = _lock_event(event)
    if event.is_past(now):
        return []
    return _promote_waitlisted(event, now)


@transaction.atomic
def expire_unconfirmed(*, now=None) -> int:
    """Guests who did not follow the link in time lose their registration."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=Status.PENDING, created_at__lt=now - timedelta(hours=GUEST_CONFIRMATION_HOURS)
    ).update(status=Status.EXPIRED, cancelled_at=now)


def send_reminders(*, now=None) -> int:
    """The day-before reminder, once per registration even when beat runs twice."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event")
            .filter(
                status=Status.CONFIRMED,
                reminder_sent_at__isnull=True,
                event__starts_at__gt=now,
                event__starts_at__lte=now + timedelta(hours=24),
            )
            # Whoever registered within the last day before the event has just had the
            # confirmation; a reminder on top would be noise.
            .exclude(confirmed_at__gte=F("event__starts_at") - timedelta(hours=24))
        )
        for registration in due:
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            emails.queue_reminder(registration)
            sent += 1
    return sent


@transaction.atomic
def set_attendance(*, registration: Registration, attended: bool, now=None) -> Registration:
    registration.attended_at = (now or timezone.now()) if attended else None
    registration.save(update_fields=["attended_at"])
    return registration


@transaction.atomic
def email_registrants(*, events, subject: str, message: str, statuses) -> int:
    count = 0
    for registration in Registration.objects.filter(event__in=events, status__in=statuses).select_related("event"):
        emails.queue_message(registration, subject=subject, message=message)
        count += 1
    return count


@transaction.atomic
def feed_token_for(*, user) -> CalendarFeedToken:
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def reset_feed_token(*, user) -> CalendarFeedToken:
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    token.token = new_feed_token()
    token.save(update_fields=["token", "created_at"])
    return token
