from datetime import timedelta

import pytest
from django.utils import timezone

from events.certificates import certificate_pdf
from tests.factories.events import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _past(kind="training"):
    start = timezone.now() - timedelta(days=2)
    return EventFactory(kind=kind, starts_at=start, ends_at=start + timedelta(hours=4))


def test_certificate_pdf_embeds_a_font_with_polish_letters():
    registration = RegistrationFactory(event=_past(), name="Małgorzata Żółć", attended_at=timezone.now())

    pdf = certificate_pdf(registration, language="pl")

    assert pdf.startswith(b"%PDF-")
    assert b"DejaVuSans" in pdf
    assert b"/FontFile2" in pdf  # the TrueType subset is embedded, so the letters need no font on the reader's side


def test_certificate_download_for_attendee_in_page_language(client, member_user):
    event = _past()
    RegistrationFactory(event=event, user=member_user, email=member_user.email, attended_at=timezone.now())
    client.force_login(member_user)

    response = client.get(f"/pl/events/{event.slug}/certificate.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{event.slug}.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_certificate_link_shown_to_attendee_on_detail_page(client, member_user):
    event = _past()
    RegistrationFactory(event=event, user=member_user, email=member_user.email, attended_at=timezone.now())
    client.force_login(member_user)

    html = client.get(f"/en/events/{event.slug}/").content.decode()

    assert f'href="/en/events/{event.slug}/certificate.pdf"' in html


@pytest.mark.parametrize(
    ("who", "attended", "kind", "status"),
    [
        ("member_user", False, "training", 403),
        ("member_user", True, "meeting", 403),
        ("other_member_user", False, "training", 403),
        ("coordinator", False, "training", 403),
        ("outsider", True, "workshop", 200),
    ],
)
def test_certificate_permissions(client, request, who, attended, kind, status):
    event = _past(kind)
    user = request.getfixturevalue(who)
    RegistrationFactory(
        event=event,
        user=user if who != "other_member_user" else None,
        email=user.email if who != "other_member_user" else "x@example.org",
        attended_at=timezone.now() if attended else None,
    )
    client.force_login(user)

    assert client.get(f"/en/events/{event.slug}/certificate.pdf").status_code == status


def test_certificate_anonymous_goes_to_login(client):
    event = _past()

    response = client.get(f"/en/events/{event.slug}/certificate.pdf")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
