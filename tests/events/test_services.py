from datetime import timedelta

import pytest
from django.utils import timezone, translation

from core.models import OutboundEmail
from events import services, tokens
from events.models import Registration
from tests.factories.events import EventFactory, MembersOnlyEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_register_user_with_free_seat_is_confirmed_and_gets_ics(
    member_user, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2, title_en="Lighting basics")

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_user(event=event, user=member_user)

    assert registration.status == Status.CONFIRMED
    assert registration.email == member_user.email
    assert registration.name == "Maria Członek"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member_user.email]
    assert mailoutbox[0].subject == "Your seat is confirmed: Lighting basics · Krakow Film Cluster"
    assert [(name, mimetype) for name, _content, mimetype in mailoutbox[0].attachments] == [
        (f"{event.slug}.ics", "text/calendar")
    ]
    assert "ul. Tajna 7" in mailoutbox[0].body


def test_register_user_when_full_is_waitlisted(member_user, other_member_user):
    event = EventFactory(capacity=1)
    services.register_user(event=event, user=other_member_user)

    registration = services.register_user(event=event, user=member_user)

    assert registration.status == Status.WAITLISTED


def test_register_user_twice_keeps_one_registration(member_user):
    event = EventFactory()

    first = services.register_user(event=event, user=member_user)
    second = services.register_user(event=event, user=member_user)

    assert first.pk == second.pk
    assert event.registrations.count() == 1


def test_register_user_members_only_event_refused_for_outsider(outsider):
    event = MembersOnlyEventFactory()

    with pytest.raises(services.RegistrationError):
        services.register_user(event=event, user=outsider)

    assert event.registrations.count() == 0


def test_register_user_after_registration_closed_is_refused(member_user):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(services.RegistrationError) as refused:
        services.register_user(event=event, user=member_user)

    with translation.override("en"):
        assert str(refused.value) == "Registration for this event is closed."


def test_register_user_before_registration_opens_is_refused(member_user):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=1))

    with pytest.raises(services.RegistrationError):
        services.register_user(event=event, user=member_user)


def test_register_guest_is_pending_and_holds_no_seat(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1, title_en="Sound")

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_guest(event=event, name="Ann Guest", email="Ann@Example.org", language="en")

    assert registration.status == Status.PENDING
    assert registration.email == "ann@example.org"
    assert event.seats_left == 1
    assert mailoutbox[0].subject == "Please confirm your registration: Sound · Krakow Film Cluster"
    assert "/en/events/confirm/" in mailoutbox[0].body
    assert "ul. Tajna 7" not in mailoutbox[0].body


def test_register_guest_for_members_only_event_is_refused():
    event = MembersOnlyEventFactory()

    with pytest.raises(services.RegistrationError):
        services.register_guest(event=event, name="Ann", email="ann@example.org", language="en")


def test_confirm_guest_takes_the_seat_and_sends_ics(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    registration = services.register_guest(event=event, name="Ann", email="ann@example.org", language="pl")

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.confirm_guest(registration=registration)

    assert registration.status == Status.CONFIRMED
    assert event.seats_left == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].attachments[0][0] == f"{event.slug}.ics"
    assert "/pl/events/cancel/" in mailoutbox[0].body


def test_confirm_guest_when_full_is_waitlisted():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    registration = services.register_guest(event=event, name="Ann", email="ann@example.org", language="en")

    registration = services.confirm_guest(registration=registration)

    assert registration.status == Status.WAITLISTED


def test_guest_token_round_trip_and_wrong_action():
    registration = RegistrationFactory(status=Status.PENDING)
    token = services.registration_token(registration, "confirm")

    assert tokens.registration_from_token(token, "confirm") == registration
    assert tokens.registration_from_token(token, "cancel") is None
    assert tokens.registration_from_token(token + "x", "confirm") is None


def test_cancel_promotes_first_waitlisted_and_emails_them(
    member_user, other_member_user, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1, title_en="Budgeting")
    seated = services.register_user(event=event, user=member_user)
    first_waiting = services.register_user(event=event, user=other_member_user)
    second_waiting = services.register_guest(event=event, name="Late", email="late@example.org", language="en")
    services.confirm_guest(registration=second_waiting)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=seated)

    assert [r.pk for r in promoted] == [first_waiting.pk]
    assert Registration.objects.get(pk=seated.pk).status == Status.CANCELLED
    assert Registration.objects.get(pk=first_waiting.pk).status == Status.CONFIRMED
    assert Registration.objects.get(pk=second_waiting.pk).status == Status.WAITLISTED
    assert [m.to for m in mailoutbox] == [[other_member_user.email]]
    assert mailoutbox[0].subject == "A seat became free – you are in: Budgeting · Krakow Film Cluster"
    assert mailoutbox[0].attachments[0][2] == "text/calendar"


def test_cancel_waitlisted_promotes_nobody():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)

    promoted = services.cancel_registration(registration=waiting)

    assert promoted == []
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 1


def test_expire_unconfirmed_only_touches_old_pending():
    now = timezone.now()
    old = RegistrationFactory(status=Status.PENDING, created_at=now - timedelta(hours=49))
    fresh = RegistrationFactory(status=Status.PENDING, created_at=now - timedelta(hours=47))
    confirmed_old = RegistrationFactory(created_at=now - timedelta(hours=100))

    expired = services.expire_unconfirmed(now=now)

    assert expired == 1
    assert Registration.objects.get(pk=old.pk).status == Status.EXPIRED
    assert Registration.objects.get(pk=fresh.pk).status == Status.PENDING
    assert Registration.objects.get(pk=confirmed_old.pk).status == Status.CONFIRMED


def test_send_reminders_goes_once_to_confirmed_people_of_tomorrows_events(
    mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    tomorrow = EventFactory(starts_at=now + timedelta(hours=20), title_en="Tomorrow's training")
    later = EventFactory(starts_at=now + timedelta(days=3))
    due = RegistrationFactory(event=tomorrow, email="due@example.org")
    RegistrationFactory(event=tomorrow, status=Status.WAITLISTED)
    RegistrationFactory(event=later)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_reminders(now=now)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.send_reminders(now=now + timedelta(hours=1))

    assert (first, second) == (1, 0)
    assert [m.to for m in mailoutbox] == [["due@example.org"]]
    assert mailoutbox[0].subject == "Tomorrow: Tomorrow's training · Krakow Film Cluster"
    assert mailoutbox[0].attachments[0][0] == f"{tomorrow.slug}.ics"
    assert Registration.objects.get(pk=due.pk).reminder_sent_at == now


def test_reset_feed_token_changes_the_secret(member_user):
    old = services.feed_token_for(user=member_user).token

    new = services.reset_feed_token(user=member_user).token

    assert new != old
    assert len(new) == 43


def test_tasks_run_the_services():
    from events import tasks

    RegistrationFactory(status=Status.PENDING, created_at=timezone.now() - timedelta(days=3))

    assert tasks.expire_unconfirmed_registrations.delay().get() == 1
    assert tasks.send_event_reminders.delay().get() == 0


def test_beat_schedule_has_the_events_tasks(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"events.tasks.expire_unconfirmed_registrations", "events.tasks.send_event_reminders"} <= tasks


def test_fill_free_seats_after_capacity_raised_promotes_in_order(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first = RegistrationFactory(event=event, status=Status.WAITLISTED, email="first@example.org")
    second = RegistrationFactory(event=event, status=Status.WAITLISTED, email="second@example.org")
    third = RegistrationFactory(event=event, status=Status.WAITLISTED, email="third@example.org")
    event.capacity = 3
    event.save()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.fill_free_seats(event=event)

    assert [r.pk for r in promoted] == [first.pk, second.pk]
    assert Registration.objects.get(pk=third.pk).status == Status.WAITLISTED
    assert [m.to for m in mailoutbox] == [["first@example.org"], ["second@example.org"]]


def test_register_guest_again_while_pending_resends_the_link_once_per_window(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.register_guest(event=event, name="Ann", email="ann@example.org", language="en")
        second = services.register_guest(event=event, name="Ann", email="ANN@example.org", language="en")
    OutboundEmail.objects.update(created_at=timezone.now() - timedelta(minutes=6))  # the window has passed
    with django_capture_on_commit_callbacks(execute=True):
        third = services.register_guest(event=event, name="Ann", email="ann@example.org", language="en")

    assert first.pk == second.pk == third.pk
    assert [m.to for m in mailoutbox] == [["ann@example.org"], ["ann@example.org"]]


def test_register_user_with_pending_guest_registration_confirms_it(member_user):
    event = EventFactory()
    pending = services.register_guest(event=event, name="Maria", email=member_user.email, language="en")

    registration = services.register_user(event=event, user=member_user)

    assert registration.pk == pending.pk
    assert registration.user == member_user
    assert registration.status == Status.CONFIRMED


def test_send_reminders_skips_people_who_registered_within_the_last_day(mailoutbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=10))
    RegistrationFactory(event=event, email="early@example.org", confirmed_at=now - timedelta(days=5))
    RegistrationFactory(event=event, email="late@example.org", confirmed_at=now - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_reminders(now=now)

    assert sent == 1
    assert [m.to for m in mailoutbox] == [["early@example.org"]]


def test_confirmation_email_follows_the_registrants_language(outsider, mailoutbox, django_capture_on_commit_callbacks):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(2099, 3, 5, 10, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), title_pl="Warsztaty dźwięku")
    outsider.preferred_language = "pl"
    outsider.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.register_user(event=event, user=outsider)

    body = mailoutbox[0].body
    assert "Warsztaty dźwięku" in mailoutbox[0].subject
    assert "5 marca 2099, 10:30 – 12:30" in body
    assert f"/pl/events/{event.slug}/" in body


def test_confirmation_email_without_venue_still_gives_the_address(
    member_user, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(venue_pl="", venue_en="", address="ul. Jasna 3, Kraków", online_url="")

    with django_capture_on_commit_callbacks(execute=True):
        services.register_user(event=event, user=member_user)

    (html, _mimetype) = mailoutbox[0].alternatives[0]
    assert "Where: ul. Jasna 3, Kraków" in mailoutbox[0].body
    assert "Where: ul. Jasna 3, Kraków" in html


def test_waitlisted_email_without_venue_keeps_the_address_to_itself(
    member_user, other_member_user, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1, venue_pl="", venue_en="", address="ul. Jasna 3, Kraków", online_url="")
    services.register_user(event=event, user=other_member_user)

    with django_capture_on_commit_callbacks(execute=True):
        services.register_user(event=event, user=member_user)

    (html, _mimetype) = mailoutbox[0].alternatives[0]
    assert "ul. Jasna 3" not in mailoutbox[0].body
    assert "ul. Jasna 3" not in html


def test_register_user_with_confirmed_guest_registration_links_it_to_the_account(client, member_user):
    from events import selectors

    event = EventFactory()
    guest = services.confirm_guest(
        registration=services.register_guest(event=event, name="Maria", email=member_user.email, language="en")
    )

    registration = services.register_user(event=event, user=member_user)

    assert registration.pk == guest.pk
    assert Registration.objects.get(pk=guest.pk).user == member_user
    assert selectors.registered_event_ids(member_user) == {event.pk}


def test_register_user_without_name_and_with_a_long_email_fits_the_name_column():
    from tests.factories.accounts import MembershipFactory

    user = MembershipFactory(user__name="", user__email="m" * 160 + "@example.org").user

    registration = services.register_user(event=EventFactory(), user=user)

    assert registration.status == Status.CONFIRMED
    assert Registration.objects.get(pk=registration.pk).name == user.email[:150]


def test_promotion_goes_by_when_a_guest_confirmed_not_when_they_registered(
    member_user, other_member_user, mailoutbox, django_capture_on_commit_callbacks
):
    start = timezone.now()
    event = EventFactory(capacity=1)
    seated = services.register_user(event=event, user=other_member_user, now=start)
    early_guest = services.register_guest(
        event=event, name="Early", email="early.guest@example.org", language="en", now=start + timedelta(minutes=1)
    )
    in_between = services.register_user(event=event, user=member_user, now=start + timedelta(minutes=2))
    services.confirm_guest(registration=early_guest, now=start + timedelta(minutes=3))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=seated, now=start + timedelta(minutes=4))

    assert [r.pk for r in promoted] == [in_between.pk]
    assert Registration.objects.get(pk=early_guest.pk).status == Status.WAITLISTED
    assert Registration.objects.get(pk=early_guest.pk).waitlisted_at == start + timedelta(minutes=3)
    assert [m.to for m in mailoutbox] == [[member_user.email]]
