"""The producer's-first-minute walkthrough in the events area: the waiting list says
where a person stands, and cancelling asks first (a page, so it works without
JavaScript), then tells the office."""

import re

import pytest
from django.core import mail

from events import services
from events.models import Registration
from events.selectors import waitlist_position
from tests.factories.events import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def full_event(db):
    """One seat, taken, and two people already waiting."""
    event = EventFactory(capacity=1, title_en="Lighting training", title_pl="Szkolenie z oświetlenia")
    RegistrationFactory(event=event, status=Status.CONFIRMED, email="seat@example.org")
    RegistrationFactory(event=event, status=Status.WAITLISTED, email="first@example.org")
    RegistrationFactory(event=event, status=Status.WAITLISTED, email="second@example.org")
    return event


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "The event is full: you are number 3 on the waiting list. We email you when a seat frees up."),
        ("pl", "Wydarzenie jest pełne: jesteś numerem 3 na liście rezerwowej. Napiszemy, gdy zwolni się miejsce."),
    ],
)
def test_member_joining_a_full_event_is_told_their_place_on_the_waiting_list(
    client, member_user, full_event, lang, expected
):
    member_user.preferred_language = lang
    member_user.save()
    client.force_login(member_user)

    response = client.post(f"/{lang}/events/{full_event.slug}/register/", follow=True)

    html = response.content.decode()
    assert expected in html
    assert full_event.registrations.get(user=member_user).status == Status.WAITLISTED
    position_line = {
        "en": "You are number 3 on the waiting list. We email you when a seat frees up.",
        "pl": "Jesteś numerem 3 na liście rezerwowej. Napiszemy, gdy zwolni się miejsce.",
    }[lang]
    assert position_line in html  # the event page's registration box, not only the message


def test_waitlisted_email_gives_the_place_on_the_list(
    member_user, full_event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.register_user(event=full_event, user=member_user)

    assert len(mailoutbox) == 1
    assert "you are number 3 on the waiting list. We email you when a seat frees up" in mailoutbox[0].body
    # A user's "leave the waiting list" link opens the confirmation page, not the bare event.
    assert f"/en/events/{full_event.slug}/cancel/" in mailoutbox[0].body


def test_the_waiting_list_position_moves_up_when_someone_ahead_leaves(full_event):
    first, second = full_event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "pk")

    services.cancel_registration(registration=first)

    assert waitlist_position(Registration.objects.get(pk=second.pk)) == 1


def test_guest_sees_join_the_waiting_list_before_registering_for_a_full_event(client, full_event):
    html = client.get(f"/en/events/{full_event.slug}/").content.decode()

    assert re.search(
        r'<button type="submit" class="button" aria-describedby="waitlist-note">\s*Join the waiting list', html
    )
    assert "The event is full. Join the waiting list" in html


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_cancel_get_asks_for_confirmation_and_changes_nothing(client, member_user, lang):
    event = EventFactory(title_en="Lighting training", title_pl="Szkolenie z oświetlenia")
    registration = services.register_user(event=event, user=member_user)
    client.force_login(member_user)

    response = client.get(f"/{lang}/events/{event.slug}/cancel/")

    html = response.content.decode()
    assert response.status_code == 200
    heading = {"en": "Cancel your registration?", "pl": "Anulować zgłoszenie?"}[lang]
    assert re.search(rf"<h1>\s*{re.escape(heading)}\s*</h1>", html)
    assert '<form method="post" class="actions">' in html
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


def test_event_page_links_to_the_confirmation_instead_of_cancelling_at_once(client, member_user):
    event = EventFactory()
    services.register_user(event=event, user=member_user)
    client.force_login(member_user)

    html = client.get(f"/en/events/{event.slug}/").content.decode()

    assert f'href="/en/events/{event.slug}/cancel/"' in html
    assert f'action="/en/events/{event.slug}/cancel/"' not in html


def test_cancel_post_tells_the_office_and_names_who_moved_up(
    client, member_user, settings, django_capture_on_commit_callbacks
):
    settings.COORDINATOR_EMAIL = "office@example.org"
    event = EventFactory(capacity=1, title_en="Lighting training", title_pl="Szkolenie z oświetlenia")
    services.register_user(event=event, user=member_user)
    RegistrationFactory(event=event, status=Status.WAITLISTED, name="Wera Czekająca", email="wera@example.org")
    client.force_login(member_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/events/{event.slug}/cancel/")

    assert response.status_code == 302
    office = [m for m in mail.outbox if m.to == ["office@example.org"]]
    assert len(office) == 1
    # The office reads its mail in the portal's main language, Polish.
    expected = f"{member_user.name} ({member_user.email}) anuluje zgłoszenie na wydarzenie „Szkolenie z oświetlenia”."
    assert expected in office[0].body
    assert "Przeniesieni z listy rezerwowej: Wera Czekająca" in office[0].body


def test_guest_leaving_the_waiting_list_tells_the_office(
    client, full_event, settings, django_capture_on_commit_callbacks
):
    settings.COORDINATOR_EMAIL = "office@example.org"
    waiting = full_event.registrations.get(email="second@example.org")
    path = f"/en/events/cancel/{services.registration_token(waiting, 'cancel')}/"

    page = client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)

    assert "You are number 2 on the waiting list." in page
    assert "Leave the waiting list" in page
    office = [m for m in mail.outbox if m.to == ["office@example.org"]]
    assert len(office) == 1
    assert office[0].subject.startswith("Rezygnacja z listy rezerwowej: Szkolenie z oświetlenia")


def test_admin_cancel_does_not_email_the_office_about_itself(full_event, settings, django_capture_on_commit_callbacks):
    settings.COORDINATOR_EMAIL = "office@example.org"
    seat = full_event.registrations.get(status=Status.CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=seat)

    assert [m for m in mail.outbox if m.to == ["office@example.org"]] == []
