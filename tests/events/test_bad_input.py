"""Bad input on the events pages gets a clear answer (a form error or 404), never a 500."""

import pytest

from events.models import Registration
from tests.factories.events import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/en/events/?page=abc", 404),
        ("/en/events/?page=99999", 404),
        ("/en/events/?kind=<script>", 200),
        ("/en/events/?kind=%00", 200),
        ("/en/events/?month=2024-13", 200),
        ("/en/events/?month=%00", 200),
        ("/en/events/?month=" + "9" * 2000, 200),
        ("/en/events/?when=<x>", 200),
        ("/en/events/calendar/?month=abc", 200),
        ("/en/events/calendar/?month=1999-01", 200),
        ("/en/events/calendar/?month=2100-12", 200),
        ("/en/events/calendar/?kind=<script>", 200),
        ("/en/events/feed/unknown-token.ics", 404),
        ("/en/events/feed/%00.ics", 404),
        ("/en/events/feed/" + "x" * 500 + ".ics", 404),
        ("/en/events/confirm/%00/", 400),
        ("/en/events/cancel/abc/materials/1/", 404),
        ("/en/events/cancel/abc/certificate.pdf", 404),
        ("/en/events/no-such-event/event.ics", 404),
    ],
)
def test_event_pages_answer_bad_query_and_path_without_error(client, path, status):
    EventFactory()

    response = client.get(path)

    assert response.status_code == status
    assert b"<script>" not in response.content


@pytest.mark.parametrize("value", ["abc", "%00", "", "1.5", "99999999999999999999"])
def test_attendance_post_with_bad_registration_id_is_404(client, coordinator, value):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    client.force_login(coordinator)

    response = client.post(f"/en/events/{event.slug}/attendance/", {"registration": value, "attended": "1"})

    registration.refresh_from_db()
    assert response.status_code == 404
    assert registration.attended_at is None


def test_guest_registration_with_overlong_email_shows_error_and_keeps_input(client):
    event = EventFactory()
    email = "x" * 300 + "@example.org"

    response = client.post(
        f"/en/events/{event.slug}/register/",
        {"name": "Ann Guest", "email": email, "consent": "on"},
        headers={"accept-language": "en"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_email_errors"' in html
    assert "at most 254 characters" in html
    assert 'value="Ann Guest"' in html
    assert Registration.objects.count() == 0


def test_guest_registration_without_any_field_shows_each_error(client):
    event = EventFactory()

    response = client.post(f"/en/events/{event.slug}/register/", {})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_name_errors"' in html
    assert 'id="id_email_errors"' in html
    assert 'id="id_consent_errors"' in html
    assert Registration.objects.count() == 0


def test_guest_registration_with_nul_in_name_shows_error(client):
    event = EventFactory()

    response = client.post(
        f"/en/events/{event.slug}/register/", {"name": "Ann\x00", "email": "ann@example.org", "consent": "on"}
    )

    assert response.status_code == 400
    assert 'id="id_name_errors"' in response.content.decode()
    assert Registration.objects.count() == 0
