"""The emails of the events area, each in the registrant's language.

Links are built here, in that language; a guest's links carry a signed token (guests
have no account to log in to), a user's links point to the event page.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.emails import queue_email

from . import selectors
from .ics import event_attachment
from .tokens import registration_token


def _urls(registration) -> dict[str, str]:

    with translation.override(registration.language):
        urls = {"event_url": reverse("events:detail", kwargs={"slug": registration.event.slug})}
        if registration.user_id is None:
            urls["cancel_url"] = reverse(
                "events:guest-cancel", kwargs={"token": registration_token(registration, "cancel")}
            )
        else:
            urls["cancel_url"] = reverse("events:cancel", kwargs={"slug": registration.event.slug})
    return urls


def _queue(registration, template: str, *, attach_ics: bool, extra: dict | None = None, dedupe_key: str = "") -> None:
    context = {"registration": registration, "event": registration.event, **_urls(registration), **(extra or {})}
    attachments = []
    if attach_ics:
        attachments.append(event_attachment(registration.event, language=registration.language))
    queue_email(
        to=[registration.email],
        template=f"events/emails/{template}",
        context=context,
        language=registration.language,
        attachments=attachments,
        dedupe_key=dedupe_key,
    )


def queue_guest_confirmation(registration, token: str) -> None:
    with translation.override(registration.language):
        confirm_url = reverse("events:guest-confirm", kwargs={"token": token})
    # Registering again while pending sends the link again, but a double click (the
    # same registration within OUTBOX_REPEAT_WINDOW_MINUTES) sends it once.
    _queue(
        registration,
        "guest_confirm",
        attach_ics=False,
        extra={"confirm_url": confirm_url},
        dedupe_key=f"events/guest_confirm:registration:{registration.pk}",
    )


def queue_registration_outcome(registration) -> None:
    if registration.status == registration.Status.CONFIRMED:
        _queue(registration, "confirmed", attach_ics=True)
    else:
        position = selectors.waitlist_position(registration)
        _queue(registration, "waitlisted", attach_ics=False, extra={"position": position})


def queue_promotion(registration) -> None:
    _queue(registration, "promoted", attach_ics=True)


def queue_reminder(registration) -> None:
    _queue(registration, "reminder", attach_ics=True)


def queue_message(registration, *, subject: str, message: str) -> None:
    _queue(registration, "message", attach_ics=False, extra={"subject": subject, "message": message})


def queue_office_cancellation(registration, *, was_waitlisted: bool, promoted: list) -> None:
    """The office hears when a person cancels (or leaves the waiting list) themselves,
    with who moved up into the freed seat."""
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        admin_url = reverse("admin:events_event_change", args=[registration.event_id])
    queue_email(
        to=[settings.COORDINATOR_EMAIL],
        template="events/emails/office_cancellation",
        context={
            "registration": registration,
            "event": registration.event,
            "was_waitlisted": was_waitlisted,
            "promoted_names": [r.name for r in promoted],
            "admin_url": settings.SITE_URL + admin_url,
        },
        language=language,
    )
